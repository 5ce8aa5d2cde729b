#!/usr/bin/env python3
"""Reads `redis-cli MONITOR` output and writes the Lua source of every script the service sent
with EVAL (it sends EVAL after Redis answered NOSCRIPT to its EVALSHA, i.e. on a fresh Redis)
to OUTDIR/{create,list,update,prune,delete}.lua, byte for byte.

usage: extract-scripts.py MONITOR_FILE OUTDIR
Prints the names it wrote; exits 1 when a script it does not recognise shows up.
"""
import hashlib, os, re, sys

ESCAPES = {'n': b'\n', 'r': b'\r', 't': b'\t', 'a': b'\a', 'b': b'\b', '"': b'"', '\\': b'\\'}

def arguments(line):
    """The quoted arguments of one MONITOR line, decoded from redis-cli's sdscatrepr form."""
    out, i = [], line.find('"')
    while 0 <= i < len(line):
        i += 1
        value = bytearray()
        while line[i] != '"':
            if line[i] == '\\':
                code = line[i + 1]
                if code == 'x':
                    value.append(int(line[i + 2:i + 4], 16)); i += 4
                else:
                    value += ESCAPES[code]; i += 2
            else:
                value += line[i].encode('latin-1'); i += 1
        out.append(bytes(value))
        i = line.find('"', i + 1)
    return out

# What tells the scripts apart: their last statement.
MARKERS = [('create', b"return {'created'}"), ('list', b"return {redis.call('ZCARD', key), documents}"),
           ('update', b"return {'updated', document"), ('prune', b"return prune(now_ms(), tonumber(ARGV[1]))"),
           ('delete', b"forget(ARGV[1])\nreturn 1")]

def main(monitor_file, outdir):
    os.makedirs(outdir, exist_ok=True)
    seen = {}
    with open(monitor_file, encoding='latin-1') as lines:
        for line in lines:
            if '] "EVAL" "' not in line or '[0 lua]' in line:
                continue
            source = arguments(line)[1]
            names = [name for name, marker in MARKERS if marker in source]
            if len(names) != 1:
                print(f'unrecognised script {hashlib.sha1(source).hexdigest()}', file=sys.stderr)
                return 1
            seen[names[0]] = source
    for name, source in sorted(seen.items()):
        with open(os.path.join(outdir, name + '.lua'), 'wb') as out:
            out.write(source)
        print(name, hashlib.sha1(source).hexdigest())
    return 0

if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:]))
