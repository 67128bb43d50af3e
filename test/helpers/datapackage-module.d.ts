// Types for the `datapackage` package (frictionlessdata/datapackage-js, no bundled types): the parts the data
// package tests use to validate canon's datapackage.json and read its tables back.
declare module 'datapackage' {
  interface Resource {
    name: string
    read(options?: { keyed?: boolean; relations?: boolean; cast?: boolean }): Promise<Record<string, unknown>[]>
  }
  interface Package {
    valid: boolean
    errors: Error[]
    resources: Resource[]
  }
  const datapackage: { Package: { load(descriptor: string | object, options?: { basePath?: string; strict?: boolean }): Promise<Package> } }
  export default datapackage
}
