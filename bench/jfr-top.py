#!/usr/bin/env python3
"""Where the CPU goes in a JFR recording (bench/run --jfr): counts jdk.ExecutionSample events by thread and by the
first frame of interest in each stack (our code, camel-sql, the PG driver, S3Proxy/Jetty, the AWS SDK...).

    bench/jfr-top.py target/bench/load-1x/service.jfr [thread-substring]
"""
import json
import subprocess
import sys
from collections import Counter

path = sys.argv[1]
only = sys.argv[2] if len(sys.argv) > 2 else None
raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(raw)["recording"]["events"]
threads, tops, ours = Counter(), Counter(), Counter()
PACKAGES = ("io.adultetl.", "org.postgresql.", "org.apache.camel.component.sql.", "org.springframework.jdbc.",
            "org.gaul.s3proxy.", "org.jclouds.", "org.eclipse.jetty.", "software.amazon.awssdk.",
            "org.apache.commons.csv.", "org.apache.camel.", "org.apache.logging.")
for e in events:
    v = e["values"]
    thread = (v.get("sampledThread") or {}).get("javaName") or "?"
    if only and only not in thread:
        continue
    threads[thread] += 1
    frames = (v.get("stackTrace") or {}).get("frames") or []
    names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames]
    if names:
        tops[names[0]] += 1
    for n in names:
        if n.startswith(PACKAGES):
            ours[n] += 1
            break
total = sum(threads.values())
print(f"{total} samples")
print("\nby thread:")
for t, c in threads.most_common(12):
    print(f"  {100 * c / total:5.1f}%  {t}")
print("\nby top frame:")
for t, c in tops.most_common(15):
    print(f"  {100 * c / total:5.1f}%  {t}")
print("\nby first frame in a known library or our code:")
for t, c in ours.most_common(20):
    print(f"  {100 * c / total:5.1f}%  {t}")
