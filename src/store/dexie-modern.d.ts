// Dexie ships no declarations for its ES2018 build (src/store/dexie.ts); its API is the one
// of the package's default entry, whose declarations these are.
/* eslint-disable @typescript-eslint/no-restricted-imports */
declare module 'dexie/dist/modern/dexie.mjs' {
  export * from 'dexie';
  export { default } from 'dexie';
}
