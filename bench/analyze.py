#!/usr/bin/env python3
"""Figures of one bench/run: parses the service logs, GC logs, memory samples and floors of each scenario under
target/bench/ and prints one table, every time with its floor (PostgreSQL's own COPY of the same rows, bench's
CopyFloor, <scenario>/floor.json), its ratio to it, and PASS/FAIL where the figure has a target.

    bench/analyze.py scenario <dir>   -> <dir>/figures.json (figures of one scenario run)
    bench/analyze.py table <out-dir>  -> the table, from jmh.json and every <scenario>/figures.json

Log lines it reads (log4j2 pattern "HH:mm:ss.SSS LEVEL logger - message"):
    local-seed - Seeded raw/<key> from <file>                       an object appears in raw/ (after its upload)
    refine     - Refined raw/<key>: ... N valid ... in M ms -> ...    refineStream took M ms (read+clean+spool);
                                                                    logged after upload + register
    load       - Batch N: R records, X/Y loaded (P%), M ms          M = the whole tick: Quartz exchange created -> after commit
"""
import json
import math
import os
import re
import sys

TS = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d\d\d) ")
SEEDED = re.compile(r"Seeded (raw/\S+) from")
REFINED = re.compile(r"Refined (raw/\S+): \d+ lines, (\d+) valid.* in (\d+) ms -> ")
BATCH = re.compile(r"Batch (\d+): (\d+) records,\s+(\d+)/(\d+) loaded(?:\s+\([\d.]+%\))?,\s+(\d+) ms")
GC_PAUSE = re.compile(r"\[([\d.]+)s\].*GC\(\d+\) Pause.* (\d+)M->(\d+)M\((\d+)M\) ([\d.]+)ms")


def read_log(path):
    """(millis since the first line's midnight, message) for each timestamped line; handles midnight wrap."""
    events = []
    offset = 0
    last = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = TS.match(line)
            if not m:
                continue
            h, mi, s, ms = map(int, m.groups())
            t = ((h * 60 + mi) * 60 + s) * 1000 + ms + offset
            if last is not None and t < last - 12 * 3600 * 1000:
                offset += 24 * 3600 * 1000
                t += 24 * 3600 * 1000
            last = t
            events.append((t, line.rstrip("\n")))
    return events


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100); with n samples, p99 is the max when n < 100."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def phases(events, marks):
    """Splits the events at the timestamps in marks (phase i = events in [marks[i], marks[i+1]))."""
    bounds = list(marks) + [float("inf")]
    return [[e for e in events if bounds[i] <= e[0] < bounds[i + 1]] for i in range(len(marks))]


def phase_figures(events):
    seeded = [(t, m.group(1)) for t, line in events if (m := SEEDED.search(line))]
    refined = [(t, m.group(1), int(m.group(2)), int(m.group(3))) for t, line in events if (m := REFINED.search(line))]
    batches = [(t, int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5)))
               for t, line in events if (m := BATCH.search(line))]
    out = {}
    if refined:
        records = sum(r[2] for r in refined)
        refine_ms = sum(r[3] for r in refined)
        out["refine_records"] = records
        out["refine_ms_in_service"] = refine_ms  # sum of the "in M ms" of the Refined lines
        out["refine_records_per_s_in_service"] = records * 1000.0 / refine_ms if refine_ms else None
        if seeded:
            # first object in raw/ -> last refined object uploaded and registered (includes <= one poll delay)
            out["refine_wall_ms"] = refined[-1][0] - seeded[0][0]
            out["refine_records_per_s_wall"] = records * 1000.0 / max(1, out["refine_wall_ms"])
    if batches:
        ms = [b[5] for b in batches]
        full = [b[5] for b in batches if b[2] == max(x[2] for x in batches)]
        out["batches"] = len(batches)
        out["batch_records"] = sum(b[2] for b in batches)
        out["loaded_after"] = batches[-1][3]
        out["total_known"] = batches[-1][4]
        out["full_ticks_ms"] = full
        out["full_tick_batches"] = [[b[1], b[5]] for b in batches if b[2] == max(x[2] for x in batches)]
        # ticks that shared the 2 cores with a refine: the consumer refines a listing's objects one after another, so
        # the refine of each later object runs between the Refined line before it and its own
        windows = [(a[0], b[0]) for a, b in zip(refined, refined[1:])]
        size = max(x[2] for x in batches)
        refining = [any(b[0] - b[5] <= hi and b[0] >= lo for lo, hi in windows) for b in batches]
        out["full_ticks_refining_ms"] = [b[5] for b, r in zip(batches, refining) if b[2] == size and r]
        out["full_ticks_quiet_ms"] = [b[5] for b, r in zip(batches, refining) if b[2] == size and not r]
        out["tick_p50_ms"] = percentile(full, 50)
        out["tick_p99_ms"] = percentile(full, 99)
        out["tick_max_ms"] = max(ms)
        out["tick_mean_ms"] = sum(ms) / len(ms)
        # catch-up: start of the first batch (its log time minus its own ms) -> commit of the last one
        first_start = batches[0][0] - batches[0][5]
        out["catchup_ms"] = batches[-1][0] - first_start
        if seeded:
            out["end_to_end_ms"] = batches[-1][0] - seeded[0][0]
        starts = [b[0] - b[5] for b in batches]
        out["batch_starts_ms"] = [s - starts[0] for s in starts]
    return out


def gc_figures(path):
    if not os.path.exists(path):
        return {}
    before, after, committed, pauses = [], [], [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = GC_PAUSE.search(line)
            if m:
                before.append(int(m.group(2)))
                after.append(int(m.group(3)))
                committed.append(int(m.group(4)))
                pauses.append(float(m.group(5)))
    if not before:
        return {}
    return {"heap_peak_used_mb": max(before), "heap_max_live_after_gc_mb": max(after),
            "heap_peak_committed_mb": max(committed), "gc_pauses": len(pauses),
            "gc_pause_total_ms": round(sum(pauses)), "gc_pause_max_ms": max(pauses)}


def jstat_figures(path):
    """Peak of S0U+S1U+EU+OU over the 1 s samples of jstat -gc -t (KB), as MB."""
    if not os.path.exists(path):
        return {}
    peak = None
    header = None
    with open(path) as f:
        for line in f:
            cols = line.split()
            if not cols:
                continue
            if cols[0] == "Timestamp":
                header = cols
                continue
            if header and len(cols) == len(header):
                try:
                    used = sum(float(cols[header.index(c)]) for c in ("S0U", "S1U", "EU", "OU"))
                except ValueError:
                    continue
                peak = used if peak is None else max(peak, used)
    return {} if peak is None else {"heap_peak_used_jstat_mb": round(peak / 1024)}


def scenario(directory):
    events = read_log(os.path.join(directory, "service.log"))
    marks_file = os.path.join(directory, "phases.txt")
    # phases.txt: one "<name> HH:MM:SS.mmm" per line, written by bench/run when it starts a phase
    names, marks = [], []
    if os.path.exists(marks_file):
        with open(marks_file) as f:
            for line in f:
                name, stamp = line.split()
                t = read_stamp(stamp, events)
                names.append(name)
                marks.append(t)
    if not marks:
        names, marks = ["all"], [0]
    figures = {"phases": {}}
    all_batches = []
    for name, phase in zip(names, phases(events, marks)):
        figures["phases"][name] = phase_figures(phase)
    passes = [figures["phases"][n] for n in names if n.startswith("warm-")]
    if passes:
        # several warm passes: ticks pooled (so p99 is not just the worst of 30), catch-up per pass
        ticks = [t for p in passes for t in p.get("full_ticks_ms", [])]
        catchups = sorted(p["catchup_ms"] for p in passes if "catchup_ms" in p)
        figures["phases"]["warm"] = {
            "passes": len(passes), "full_ticks": len(ticks),
            "full_tick_batches": [t for p in passes for t in p.get("full_tick_batches", [])],
            "tick_p50_ms": percentile(ticks, 50), "tick_p99_ms": percentile(ticks, 99),
            "tick_max_ms": max(ticks) if ticks else None,
            "catchup_ms": catchups[len(catchups) // 2] if catchups else None,
            "catchup_max_ms": catchups[-1] if catchups else None,
            "batches": sorted({p.get("batches") for p in passes}, key=str),
            "batch_records": min((p.get("batch_records") or 0) for p in passes),
            "end_to_end_ms": passes[-1].get("end_to_end_ms"),
            "pass_tick_p50_ms": [percentile(p.get("full_ticks_ms", []), 50) for p in passes],
            "pass_tick_max_ms": [max(p.get("full_ticks_ms") or [0]) for p in passes],
            "refining_ticks_ms": [t for p in passes for t in p.get("full_ticks_refining_ms", [])],
            "quiet_ticks_ms": [t for p in passes for t in p.get("full_ticks_quiet_ms", [])],
        }
    for t, line in events:
        m = BATCH.search(line)
        if m:
            all_batches.append(int(m.group(5)))
    figures["all_batches"] = len(all_batches)
    figures.update(gc_figures(os.path.join(directory, "gc.log")))
    figures.update(jstat_figures(os.path.join(directory, "jstat.txt")))
    for key in ("rss_peak_kb", "exit_note", "refined_etags", "loaded_rows", "wall_s", "spool"):
        path = os.path.join(directory, key + ".txt")
        if os.path.exists(path):
            with open(path) as f:
                figures[key] = f.read().strip()
    floor = load(os.path.join(directory, "floor.json"))
    if floor:
        figures["floor"] = floor
    errors = [line for _, line in events if " ERROR " in line or "OutOfMemoryError" in line]
    figures["errors"] = errors[:10]
    oom = any("OutOfMemoryError" in line for _, line in events)
    figures["oom"] = oom
    with open(os.path.join(directory, "figures.json"), "w") as f:
        json.dump(figures, f, indent=2)
    return figures


def read_stamp(stamp, events):
    h, mi, rest = stamp.split(":")
    s, ms = rest.split(".")
    t = ((int(h) * 60 + int(mi)) * 60 + int(s)) * 1000 + int(ms)
    # put the mark in the same day as the log (a run that crosses midnight)
    if events:
        while t < events[0][0] - 12 * 3600 * 1000:
            t += 24 * 3600 * 1000
    return t


# ------------------------------------------------------------------------------------------------ table

def load(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def fmt(value, unit="", digits=0):
    if value is None:
        return "n/a"
    if isinstance(value, float):
        value = round(value, digits) if digits else int(round(value))
    if isinstance(value, int) and abs(value) >= 10000:
        return f"{value:,}{unit}"
    return f"{value}{unit}"


def floor_batches(scenario_figures, ticks):
    """Per-batch floors of [batch_no, tick ms] pairs: (tick ms, floor ms) for each batch the floor COPYed again."""
    floor = (scenario_figures or {}).get("floor") or {}
    by_no = dict(zip(floor.get("batch_no", []), floor.get("batch_ms", [])))
    return [(ms, by_no[no]) for no, ms in ticks if no in by_no]


def whole_floor(scenario_figures):
    """PostgreSQL's COPY of the scenario's rows in one transaction (ms), or None."""
    return ((scenario_figures or {}).get("floor") or {}).get("whole_ms")


def table(out):
    rows = []  # (area, figure, value, floor, ratio, target, verdict)

    def add(area, figure, value, floor=None, ratio=None, target=None, ok=None):
        verdict = "" if ok is None else ("PASS" if ok else "FAIL")
        rows.append((area, figure, value, floor or "-", ratio or "-", target or "-", verdict))

    def check(value, limit):
        return None if value is None else value <= limit

    def times(value, floor):
        return None if value is None or not floor else value / floor

    def add_timed(area, figure, ms, floor_ms, target=None):
        """A time (ms) with its floor and its ratio to it; target is the most ratio allowed."""
        ratio = times(ms, floor_ms)
        add(area, figure, fmt(ms), fmt(floor_ms, digits=1 if floor_ms and floor_ms < 100 else 0), fmt_ratio(ratio),
            None if target is None else f"<= {target}x", None if target is None else check(ratio, target))
        return ratio

    def add_ticks(area, label, scenario_figures, ticks, targets=(1.5, 3)):
        """Tick p50 and p99 of [batch_no, ms] pairs over the floor of those batches: the median of their COPYs alone."""
        pairs = floor_batches(scenario_figures, ticks)
        floors = [f for _, f in pairs]
        tick_ms = [t for _, t in ticks]
        floor_p50 = percentile(floors, 50)
        for p, target in zip((50, 99), targets):
            ratio = times(percentile(tick_ms, p), floor_p50)
            add(area, f"{label}: p{p} (ms)", fmt(percentile(tick_ms, p)), fmt(floor_p50, digits=1), fmt_ratio(ratio),
                None if target is None else f"<= {target}x", None if target is None else check(ratio, target))
        add(area, "  its floor, the same batches' rows COPYed and committed alone: n, p50 / p99 / max (ms)",
            f"{len(floors)}, {fmt(floor_p50, digits=1)} / {fmt(percentile(floors, 99), digits=1)} / "
            f"{fmt(max(floors) if floors else None, digits=1)}")
        if len(pairs) != len(ticks):
            add(area, f"  {label}: batches without a floor", fmt(len(ticks) - len(pairs)))

    l1 = load(os.path.join(out, "load-1x", "figures.json"))
    h = load(os.path.join(out, "load-100x", "figures.json"))
    floor_1x = whole_floor(l1)      # the bundled files' 48,842 rows
    floor_100x = whole_floor(h)     # adult-100x.data's 3,256,100 rows

    jmh = load(os.path.join(out, "jmh.json"))
    if jmh:
        for b in jmh:
            name = b["benchmark"].rsplit(".", 2)[-2] + "." + b["benchmark"].rsplit(".", 1)[-1]
            score = b["primaryMetric"]["score"]
            err = b["primaryMetric"].get("scoreError")
            err_txt = "" if err is None or (isinstance(err, float) and math.isnan(err)) else f" ± {err:,.0f}"
            if "refine" in name.lower():
                add("JMH", name + " (records/s)", f"{score:,.0f}{err_txt}")
                add_timed("JMH", "refine 48,842 records, in memory, warm (ms)", 48842 * 1000.0 / score, floor_1x)
            else:
                add("JMH", name + " (lines/s)", f"{score:,.0f}{err_txt}")

    s1 = load(os.path.join(out, "refine-1x", "figures.json"))
    if s1:
        for phase, label in (("cold", "cold JVM"), ("warm", "warm JVM")):
            p = s1["phases"].get(phase, {})
            add_timed("Refine 1x", f"48,842 records raw/ -> refined/, {label}: wall (ms)", p.get("refine_wall_ms"),
                      floor_1x)
            add_timed("Refine 1x", f"  of which refineStream, {label} (ms)", p.get("refine_ms_in_service"), floor_1x)
            add("Refine 1x", f"  records/s, {label} (wall)", fmt(p.get("refine_records_per_s_wall")))
        memory_rows(add, "refine-1x", s1, None)

    if l1:
        cold = l1["phases"].get("cold", {})
        warm = l1["phases"].get("warm", {})
        passes = warm.get("passes")
        fl = l1.get("floor") or {}
        add_timed("Catch-up 1x", "48,842 records, period 1 ms, cold JVM: first batch -> last commit (ms)",
                  cold.get("catchup_ms"), floor_1x)
        add_timed("Catch-up 1x", "  raw/ upload -> last commit, cold JVM (ms)", cold.get("end_to_end_ms"), floor_1x)
        add("Catch-up 1x", "  batches / records loaded, cold JVM", f"{cold.get('batches')} / {fmt(cold.get('batch_records'))}",
            target="30 / 48,842", ok=cold.get("batch_records") == 48842)
        ok_records = warm.get("batch_records") == 48842 and warm.get("batches") == [30]
        add_timed("Catch-up 1x", f"48,842 records, period 1 ms, warm JVM: first batch -> last commit, median of {passes} passes (ms)",
                  warm.get("catchup_ms"), floor_1x)
        add("Catch-up 1x", "  slowest warm pass (ms); raw/ upload -> last commit, last pass (ms)",
            f"{fmt(warm.get('catchup_max_ms'))}; {fmt(warm.get('end_to_end_ms'))}")
        add("Catch-up 1x", "  batches per pass / fewest records loaded by a pass, warm JVM",
            f"{warm.get('batches')} / {fmt(warm.get('batch_records'))}", target="30 / 48,842", ok=ok_records)
        add("Floor 1x", "PostgreSQL's COPY of the 48,842 rows into an empty copy of adult, one transaction (ms)",
            fmt(floor_1x))
        add("Floor 1x", "  of which COPY / commit (ms)", f"{fmt(fl.get('whole_copy_ms'))} / {fmt(fl.get('whole_commit_ms'))}")
        add_ticks("Tick 1x", f"1,630-record batch, warm JVM, {warm.get('full_ticks')} batches of {passes} passes", l1,
                  warm.get("full_tick_batches") or [])
        add("Tick 1x", "  p50 of each warm pass; worst tick of each warm pass (ms)",
            f"{warm.get('pass_tick_p50_ms')}; {warm.get('pass_tick_max_ms')}")
        for kind, key in (("while the pass's second file was refined", "refining_ticks_ms"),
                          ("while no refine ran", "quiet_ticks_ms")):
            ticks = warm.get(key) or []
            add("Tick 1x", f"  batches {kind}: n, p50 / p99 (ms)",
                f"{len(ticks)}, {fmt(percentile(ticks, 50))} / {fmt(percentile(ticks, 99))}")
        add_ticks("Tick 1x", "  cold JVM, its first 30 batches", l1, cold.get("full_tick_batches") or [], (None, None))
        memory_rows(add, "load-1x", l1, None)

    r100 = load(os.path.join(out, "refine-100x", "figures.json"))
    if r100:
        p = r100["phases"].get("all", {})
        add_timed("Refine 100x", "3,256,100 records raw/ -> refined/, -Xmx256m: wall (ms)", p.get("refine_wall_ms"),
                  floor_100x)
        add_timed("Refine 100x", "  of which refineStream (ms)", p.get("refine_ms_in_service"), floor_100x)
        add("Refine 100x", "  records/s (wall)", fmt(p.get("refine_records_per_s_wall")))
        etags = r100.get("refined_etags", "")
        multipart = bool(re.search(r"adult-100x\.data\.csv\S*\s+\S*-\d+", etags))
        add("Refine 100x", "refined object uploaded as multipart (ETag '-<parts>')", etags.replace("\n", "; ") or "n/a",
            target="multipart", ok=multipart if etags else None)
        memory_rows(add, "refine-100x", r100, 256)
        if r100.get("exit_note"):
            add("Refine 100x", "note", r100["exit_note"])

    if h:
        p = h["phases"].get("all", {})
        total = 3256100
        fl = h.get("floor") or {}
        add_ticks("Tick 100x", f"1,630-record batch, all {p.get('batches')} batches of a fresh JVM", h,
                  p.get("full_tick_batches") or [])
        loaded = p.get("loaded_after")
        complete = loaded == total
        add("Catch-up 100x", "records loaded (log) / rows in table adult",
            f"{fmt(loaded)} / {fmt(to_int(h.get('loaded_rows')))}", target="3,256,100", ok=complete)
        add_timed("Catch-up 100x", f"  first batch -> last commit, {p.get('batches')} batches (ms)",
                  p.get("catchup_ms"), floor_100x)
        add("Floor 100x", "PostgreSQL's COPY of the 3,256,100 rows into an empty copy of adult, one transaction (ms)",
            fmt(floor_100x))
        add("Floor 100x", "  of which COPY / commit (ms)", f"{fmt(fl.get('whole_copy_ms'))} / {fmt(fl.get('whole_commit_ms'))}")
        memory_rows(add, "load-100x", h, 256)
        if h.get("exit_note"):
            add("Catch-up 100x", "note", h["exit_note"])

    full = {}
    for name, label in (("full-100x", "adult-100x.data"), ("full-100x-gz", "adult-100x.data.gz")):
        f = load(os.path.join(out, name, "figures.json"))
        if not f:
            continue
        p = f["phases"].get("all", {})
        own_floor = whole_floor(f)
        area = "Full 100x" + (" gz" if name.endswith("gz") else "")
        spool = f.get("spool", "")
        full[name] = p.get("end_to_end_ms") if p.get("loaded_after") == 3256100 else None
        add_timed(area, f"{label} raw/ -> last committed row, batches of 32,600, 1 ms, -Xmx256m (ms)",
                  full[name], own_floor, 1.5 if name == "full-100x" else None)
        add_timed(area, "  of which raw/ -> refined and registered (ms)", p.get("refine_wall_ms"), own_floor)
        add_timed(area, "  of which first batch -> last commit (ms)", p.get("catchup_ms"), own_floor)
        add(area, "  records loaded; the floor's rows",
            f"{fmt(p.get('loaded_after'))}; {fmt(((f.get('floor') or {}).get('whole_rows')))}",
            target="3,256,100", ok=p.get("loaded_after") == 3256100)
        add(area, "  spool folder, its filesystem's size (MB)", spool or "n/a", target="a 64 MB filesystem")
        if name == "full-100x-gz":
            ratio = times(full.get("full-100x-gz"), full.get("full-100x"))
            add(area, "  gzip figure over the uncompressed figure of this run", fmt(full.get("full-100x-gz")),
                fmt(full.get("full-100x")), fmt_ratio(ratio), "<= 1.2x", check(ratio, 1.2))
        memory_rows(add, name, f, 256, rss_limit=400)
        if f.get("exit_note"):
            add(area, "note", f["exit_note"])

    for name, area in (("pace", "Pace"), ("pace-100x", "Pace 100x")):
        pace = load(os.path.join(out, name, "figures.json"))
        if not pace:
            continue
        warm = pace["phases"].get("warm", {})
        starts = warm.get("batch_starts_ms", [])[:30]
        period = 10000
        dev = [s - i * period for i, s in enumerate(starts)]
        worst = max((abs(d) for d in dev), default=None)
        gaps = [b - a - period for a, b in zip(starts, starts[1:])]
        add(area, "warm batches observed at the 10 s period", fmt(len(starts)), target="30", ok=len(starts) >= 30)
        add(area, "worst |start_i - start_1 - (i-1)*10 s| (ms)", fmt(worst), target="<= 100",
            ok=None if worst is None else worst <= 100)
        add(area, "  drift of the last batch (ms); worst gap error (ms)",
            f"{fmt(dev[-1] if dev else None)}; {fmt(max((abs(g) for g in gaps), default=None))}")
        pause = (pace.get("floor") or {}).get("batch_pause_ms")
        warm_ticks = (warm.get("full_tick_batches") or [])[:30]
        measured = f"batches {warm_ticks[0][0]}-{warm_ticks[-1][0]}" if warm_ticks else "no batches"
        add_ticks(area, f"  1,630-record batch at the 10 s period, warm JVM, {measured} (floor: each batch after "
                  f"{fmt(pause)} ms idle)", pace, warm_ticks)
        # the fresh JVM's first batches, apart as in load-1x: over the warm batches' paced floor
        warm_floor = percentile([f for _, f in floor_batches(pace, warm_ticks)], 50)
        cold = [ms for _, ms in (pace["phases"].get("cold", {}).get("full_tick_batches") or [])[:30]]
        for p in (50, 99):
            add_timed(area, f"  the fresh JVM's first {len(cold)} batches: p{p} (ms)", percentile(cold, p), warm_floor)

    header = ("area", "figure", "value", "floor", "x floor", "target", "result")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
    fails = sum(1 for r in rows if r[-1] == "FAIL")
    passes = sum(1 for r in rows if r[-1] == "PASS")
    print(f"\n{passes} PASS, {fails} FAIL; floor: PostgreSQL's own COPY of the same rows into an empty copy of table adult "
          "(CopyFloor, same server, same run); x floor: the figure over its floor")


def fmt_ratio(ratio):
    return "n/a" if ratio is None else f"{ratio:.2f}x"


def to_int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def memory_rows(add, area, figures, xmx, rss_limit=None):
    heap = figures.get("heap_peak_used_mb")
    label = f"{area}: peak heap used, before a GC (MB)"
    add("Memory", label, fmt(heap), target=f"< {xmx}" if xmx else None,
        ok=(heap is not None and heap < xmx and not figures.get("oom")) if xmx else None)
    add("Memory", f"{area}: peak heap used, jstat 1 s samples (MB)", fmt(figures.get("heap_peak_used_jstat_mb")))
    add("Memory", f"{area}: max live heap after a GC (MB); GC pauses n / total / max ms",
        f"{fmt(figures.get('heap_max_live_after_gc_mb'))}; {figures.get('gc_pauses')} / "
        f"{figures.get('gc_pause_total_ms')} / {fmt(figures.get('gc_pause_max_ms'))}")
    rss = to_int(figures.get("rss_peak_kb"))
    rss_mb = None if rss is None else rss / 1024
    add("Memory", f"{area}: peak RSS of the service JVM, VmHWM (MB)", fmt(rss_mb),
        target=None if rss_limit is None else f"<= {rss_limit}",
        ok=None if rss_limit is None or rss_mb is None else rss_mb <= rss_limit)
    if figures.get("oom"):
        add("Memory", f"{area}: OutOfMemoryError in the log", "yes", target="no", ok=False)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("scenario", "table"):
        print(__doc__)
        sys.exit(2)
    if sys.argv[1] == "scenario":
        scenario(sys.argv[2])
    else:
        table(sys.argv[2])
