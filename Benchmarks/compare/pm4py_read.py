"""Reads a log with pm4py, the way its documentation recommends, and nothing else.

    pm4py_read.py xes LOG.xes   -> pm4py.read_xes (default importer, returns a DataFrame)
    pm4py_read.py csv LOG.csv   -> pandas.read_csv + pm4py.format_dataframe

Prints one line to stdout: events, cases, seconds spent in the call (after `import pm4py`).
The process as a whole is what `run` times with /usr/bin/time -v.
"""

import sys
import time

import pandas as pd
import pm4py


def main() -> None:
    kind, path = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    if kind == "xes":
        df = pm4py.read_xes(path)
    elif kind == "csv":
        df = pd.read_csv(path)
        df = pm4py.format_dataframe(df, case_id="case_id", activity_key="activity", timestamp_key="timestamp")
    else:
        raise SystemExit(f"unknown kind {kind}")
    seconds = time.perf_counter() - start
    print(f"events={len(df)} cases={df['case:concept:name'].nunique()} seconds={seconds:.3f}")


if __name__ == "__main__":
    main()
