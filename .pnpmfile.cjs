// The Stryker TypeScript checker drives the compiler through its JavaScript API, which TypeScript 7
// (the native compiler this repo builds with) does not ship: the checker and Stryker (which rewrites the tsconfig it is given) get TypeScript 5 of their own.
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === "@stryker-mutator/typescript-checker" || pkg.name === "@stryker-mutator/core") {
        if (pkg.peerDependencies) delete pkg.peerDependencies.typescript;
        pkg.dependencies = { ...pkg.dependencies, typescript: "5.9.3" };
      }
      return pkg;
    },
  },
};
