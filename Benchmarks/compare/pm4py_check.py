"""The checks of pathways/sepsis-ed.xml done with pm4py's own API, for the timing comparison.

    pm4py_check.py xes|csv LOG OUT.csv [READ.tsv]

With READ.tsv, the reading phase is also timed on its own, from this process's start (as the
kernel records it, so Python's start and `import pm4py` count, as they do for /usr/bin/time)
to the moment the log is in a DataFrame: `pm4py.read_xes`, or `pandas.read_csv` then
`pm4py.format_dataframe`. One line `wall_s<TAB>maxrss_kb` goes to READ.tsv, the peak resident
memory so far from getrusage. `run` uses it as pm4py's "read" measurement, so that the slowest
step of the comparison (pm4py reading 1.5 M events) is not run twice per pair.

What is checked, per case of the cohort (first `ER Registration` with InfectionSuspected=true):
  - DECLARE, via pm4py.conformance_declare with a hand-built model:
      existence    for every required step: ER Triage, ER Sepsis Triage, LacticAcid,
                   IV Antibiotics, IV Liquid             (pathvar: `omitted`)
      exactly_one  for the steps with max="1": ER Triage, ER Sepsis Triage; violated while
                   existence holds means more than one   (pathvar: `repeated`)
      precedence   (ER Triage, ER Sepsis Triage), the sequence stage `recognition`
                                                          (pathvar: `out-of-order`)
  - windows, per case in pandas (pm4py has no timed DECLARE template): triage within 30 min of
    entry, sepsis screen within 15 min of triage, lactate / antibiotics / fluids within
    [0, 1 h] of triage, admission (NC or IC) within 4 h of triage (pathvar: `late`/`early`)
  - choices, in pandas: no admission at all (pathvar: `no-option`), more than one of
    Release A..E (pathvar: `multiple-options`).
What is not checked here (pathvar does it, pm4py has nothing like it): variance codes that
excuse a departure, the warranted / unwarranted split, the aggregate reports and statistics.

Writes one row per cohort case with the violated checks; prints phase timings to stderr.
"""

import os
import resource
import sys
import time

import numpy as np
import pandas as pd
import pm4py

CASE, ACT, TIME = "case:concept:name", "concept:name", "time:timestamp"

REQUIRED = ["ER Triage", "ER Sepsis Triage", "LacticAcid", "IV Antibiotics", "IV Liquid"]
AT_MOST_ONE = ["ER Triage", "ER Sepsis Triage"]
SEQUENCE = [("ER Triage", "ER Sepsis Triage")]
# (activity, anchor, min, max): the first event of activity, measured from the anchor's first.
WINDOWS = [
    ("ER Triage", "ER Registration", None, pd.Timedelta(minutes=30)),
    ("ER Sepsis Triage", "ER Triage", None, pd.Timedelta(minutes=15)),
    ("LacticAcid", "ER Triage", pd.Timedelta(0), pd.Timedelta(hours=1)),
    ("IV Antibiotics", "ER Triage", pd.Timedelta(0), pd.Timedelta(hours=1)),
    ("IV Liquid", "ER Triage", pd.Timedelta(0), pd.Timedelta(hours=1)),
]
ADMISSION = ["Admission NC", "Admission IC"]
RELEASE = ["Release A", "Release B", "Release C", "Release D", "Release E"]


def seconds_since_process_start() -> float:
    """Wall clock since the kernel started this process (clock-tick resolution, 10 ms)."""
    with open("/proc/self/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22, `starttime`, in ticks since boot
    return time.clock_gettime(time.CLOCK_BOOTTIME) - started


def load(kind: str, path: str, read_timing: str | None) -> pd.DataFrame:
    """The log as pm4py wants it: formatted, so sorted by case, time, then file order."""

    def read_done() -> None:
        if read_timing:
            wall = seconds_since_process_start()
            peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            with open(read_timing, "w") as handle:
                handle.write(f"{wall:.3f}\t{peak_kb}\n")

    if kind == "xes":
        df = pm4py.read_xes(path)
        read_done()
        return pm4py.format_dataframe(df, case_id=CASE, activity_key=ACT, timestamp_key=TIME)
    df = pd.read_csv(path)
    df = pm4py.format_dataframe(df, case_id="case_id", activity_key="activity", timestamp_key="timestamp")
    read_done()
    return df


def declare_model(required, at_most_one, sequence) -> dict:
    rule = {"support": 1.0, "confidence": 1.0}
    model = {}
    if required:
        model["existence"] = {a: dict(rule) for a in required}
    if at_most_one:
        model["exactly_one"] = {a: dict(rule) for a in at_most_one}
    if sequence:
        model["precedence"] = {pair: dict(rule) for pair in sequence}
    return model


def declare_violations(df: pd.DataFrame, model: dict) -> dict:
    """Case id -> list of (template, activity or pair) that pm4py finds violated."""
    result = pm4py.conformance_declare(df, model, activity_key=ACT, timestamp_key=TIME, case_id_key=CASE)
    # pm4py hands out traces in the order of numpy.unique over the case column (see
    # pm4py/streaming/conversion/from_pandas.py), so the results are matched back the same way.
    cases = np.unique(df[CASE].to_numpy())
    assert len(cases) == len(result), (len(cases), len(result))
    return {case: [(d[0], d[1]) for d in r["deviations"]] for case, r in zip(cases, result)}


def cohort(df: pd.DataFrame, entry="ER Registration", key="InfectionSuspected", value="true") -> pd.Index:
    entries = df[df[ACT] == entry].groupby(CASE, sort=False).head(1)
    ok = entries[key].astype(str).str.lower() == value
    return pd.Index(entries.loc[ok, CASE].unique())


def main() -> None:
    kind, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
    read_timing = sys.argv[4] if len(sys.argv) > 4 else None
    t0 = time.perf_counter()
    df = load(kind, path, read_timing)
    t1 = time.perf_counter()
    in_cohort = cohort(df)
    sub = df[df[CASE].isin(in_cohort)]
    violations = declare_violations(sub, declare_model(REQUIRED, AT_MOST_ONE, SEQUENCE))
    t2 = time.perf_counter()

    first = sub.groupby([CASE, ACT], sort=False)[TIME].min().unstack(ACT)
    counts = sub.groupby([CASE, ACT], sort=False).size().unstack(ACT, fill_value=0)
    rows = pd.DataFrame(index=first.index)
    for activity, anchor, low, high in WINDOWS:
        if activity not in first or anchor not in first:
            continue
        delay = first[activity] - first[anchor]
        rows[f"late:{activity}"] = delay > high
        if low is not None:
            rows[f"early:{activity}"] = delay < low
    admitted = first[[a for a in ADMISSION if a in first]].notna().any(axis=1)
    admission_time = first[[a for a in ADMISSION if a in first]].min(axis=1)
    rows["no-option:admission"] = ~admitted
    rows["late:admission"] = (admission_time - first["ER Triage"]) > pd.Timedelta(hours=4)
    released = counts[[a for a in RELEASE if a in counts]].gt(0).sum(axis=1)
    rows["multiple-options:release"] = released.reindex(rows.index, fill_value=0) > 1
    rows["declare"] = pd.Series(
        {c: ";".join(f"{t}:{a if isinstance(a, str) else '>'.join(a)}" for t, a in v) for c, v in violations.items()}
    ).reindex(rows.index, fill_value="")
    rows.index.name = "case_id"
    rows.to_csv(out)
    t3 = time.perf_counter()
    print(
        f"cases={len(rows)} load={t1 - t0:.2f}s declare={t2 - t1:.2f}s windows+write={t3 - t2:.2f}s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
