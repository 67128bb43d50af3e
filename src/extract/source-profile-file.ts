// The source profile's file name, apart from its reader (source-profile.ts): discover looks for the file in
// every folder, and loads the reader (and the YAML parser) only when a folder has one.

/** The file name of a source profile; the pages in its folder and below are read with it. */
export const SOURCE_PROFILE_FILE = 'canon-source.yaml'
