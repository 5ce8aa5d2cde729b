#!/usr/bin/env python3
"""Summarizes ASan/LSan report files (ASAN_OPTIONS=log_path=DIR/import-service).

    python3 Fuzz/asan/summarize.py /tmp/asan

For every report: the error kind (AddressSanitizer errors are memory-safety bugs; LeakSanitizer
reports are leaks at exit). Every leaked block is attributed to the first frame in the
project's Sources/ (or "runtime/library" when there is none) and classified:

  swift-side-table   32-byte direct leak from swift::RefCounts::formWeakReference: the
                     side table of an object that had a weak reference. The object points to
                     it only through its refcount word, shifted right by 3 bits, which
                     LeakSanitizer cannot recognize as a pointer, so it is reported whenever
                     the object is still alive at exit (a false positive of LSan with Swift).
  direct / indirect  the other blocks, as LSan reports them.
"""
import collections
import os
import re
import sys

directory = sys.argv[1] if len(sys.argv) > 1 else "/tmp/asan"
block = re.compile(r"^(Direct|Indirect) leak of (\d+) byte\(s\) in (\d+) object\(s\) allocated from:")
frame = re.compile(r"^\s+#(\d+) 0x[0-9a-f]+ in (\S+) (\S+)")

files = sorted(f for f in os.listdir(directory) if not f.startswith("."))
errors = collections.Counter()
groups = collections.defaultdict(lambda: [0, 0, set()])  # key -> [bytes, objects, report files]
for name in files:
    text = open(os.path.join(directory, name), errors="replace").read()
    for kind in re.findall(r"ERROR: (\w+Sanitizer): ([^\n]*)", text):
        errors[kind] += 1
    for chunk in re.split(r"\n(?=(?:Direct|Indirect) leak of)", text):
        lines = chunk.strip().splitlines()
        match = block.match(lines[0]) if lines else None
        if not match:
            continue
        kind, size, count = match.group(1), int(match.group(2)), int(match.group(3))
        frames = [frame.match(line) for line in lines[1:]]
        frames = [(m.group(2), m.group(3)) for m in frames if m]
        project = next((f"{symbol} ({location.split('/work/main/')[-1]})" for symbol, location in frames
                        if "/Sources/" in location), "runtime/library: " + (frames[1][0] if len(frames) > 1 else "?"))
        if kind == "Direct" and any("formWeakReference" in symbol for symbol, _ in frames):
            kind = "swift-side-table"
        key = (kind, project)
        groups[key][0] += size
        groups[key][1] += count
        groups[key][2].add(name)

print(f"{len(files)} report files in {directory}")
for (sanitizer, message), count in errors.most_common():
    print(f"  {count:4d} x {sanitizer}: {message}")
print()
print(f"{'kind':17} {'bytes':>7} {'objects':>7} {'reports':>7}  first project frame")
for (kind, project), (size, count, names) in sorted(groups.items(), key=lambda item: (-len(item[1][2]), item[0])):
    try:
        import subprocess
        project = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input=project,
                                 capture_output=True, text=True, timeout=20).stdout.strip() or project
    except Exception:
        pass
    print(f"{kind:17} {size:7d} {count:7d} {len(names):7d}  {project[:150]}")
