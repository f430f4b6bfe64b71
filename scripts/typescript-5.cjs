// lit-analyzer (and the web-component-analyzer under it) runs on TypeScript's JS compiler API, which TypeScript 7
// (native, the project's compiler) no longer ships: give them the 5.x line the repo already keeps for vue-tsc.
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === 'typescript' ? 'typescript-5' : request, ...rest);
};
