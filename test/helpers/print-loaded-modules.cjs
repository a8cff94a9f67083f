// Preloaded with `node -r`: writes the Node built-in modules the process loaded, as a JSON
// line on stderr when it exits (the tests of what `dane-zone check` leaves unloaded).
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  process.stderr.write(`loaded-modules ${JSON.stringify(builtins)}\n`);
});
