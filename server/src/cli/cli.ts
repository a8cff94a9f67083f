// dane-zone CLI entry. Being written.
process.stdout.write('dane-zone: not yet\n');
