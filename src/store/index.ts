// The read API over the canon's database: releases, their roles, diffs and the run history.
export { getCurrentRelease, getRelease, listReleases, readReleaseState, type ReleasedRole } from './releases.js'
export { readReleaseProfiles, readVersionContents, readVersionProfiles, type ReadProfilesOptions } from './profiles.js'
export { diffReleases, compareProfiles, readChangedRoles, type ChangedRole, type ReleasedSide } from './diff.js'
export { listRuns, getRun, listQuarantine } from './runs.js'
