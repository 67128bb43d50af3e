// The reference data canon's codes come from, recorded in every export's manifest and data package so a
// warehouse knows which vintage a code belongs to. They are the editions under raw/reference/ (SOURCES.md):
// change them together with that data.

export const referenceVintages: Record<string, string> = {
  SOC: '2018',
  'O*NET-SOC': '29.3',
  'ISCO-08': '2008',
  ESCO: 'v1.0 (occupations_en.csv, modified up to 2020-06-11)',
}
