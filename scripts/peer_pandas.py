#!/usr/bin/python3
"""The pandas peer of lagebild's briefing (docs/performance.md, `task bench-peer`).

Does with pandas what `lagebild import` + `lagebild brief` do with a case
export, without the disclosure control (which only makes lagebild's side
heavier): read the CSV, band the ages, and count the briefing's tables
(intakes by year and phenomenon, by year and age band, closures by year and
outcome, relapse by subgroup).

  peer_pandas.py brief EXPORT.csv     read + tables once (run it under
                                      /usr/bin/time -v for time and memory)
  peer_pandas.py filters EXPORT.csv N read once, then N filter changes (one
                                      state or phenomenon, as the TUI bench
                                      walks) each computing three tables on
                                      categoricals in memory; prints p50/p95 ms
"""
import sys
import time

import pandas as pd

BANDS = [(-1, 13, "under_14"), (14, 17, "14_17"), (18, 20, "18_20"), (21, 24, "21_24"),
         (25, 29, "25_29"), (30, 39, "30_39"), (40, 200, "40_plus")]
CATEGORICAL = ["state", "phenomenon", "gender", "access_route", "risk_level", "status", "outcome", "relapse"]


def read(path):
    df = pd.read_csv(path, dtype={c: "category" for c in CATEGORICAL})
    df["intake_year"] = df["intake"].str.slice(0, 4).astype("int16")
    df["closed_year"] = pd.to_numeric(df["closed"].str.slice(0, 4), errors="coerce")
    df["age_band"] = pd.cut(df["age"], bins=[b[0] for b in BANDS] + [BANDS[-1][1]],
                            labels=[b[2] for b in BANDS])
    return df


def tables(df, three=False):
    out = [pd.crosstab(df["intake_year"], df["phenomenon"], margins=True)]
    closed = df[df["status"].isin(["closed_regular", "closed_aborted"]) & df["closed_year"].notna()]
    out.append(pd.crosstab(closed["closed_year"], closed["outcome"], margins=True))
    known = closed[closed["relapse"].notna() & (closed["relapse"] != "unknown")]
    relapsed = known["relapse"] != "none"
    out.append(pd.concat([relapsed.groupby(known[c], observed=True).agg(["sum", "count"])
                          for c in ["multi_agency", "intrinsic_motivation", "risk_level", "custody"]]))
    if not three:
        out.append(pd.crosstab(df["intake_year"], df["age_band"], margins=True))
    return out


def main():
    mode, path = sys.argv[1], sys.argv[2]
    df = read(path)
    if mode == "brief":
        for t in tables(df):
            t.to_csv(open("/dev/null", "w"))
        return
    n = int(sys.argv[3])
    states = list(df["state"].cat.categories)
    phens = list(df["phenomenon"].cat.categories)
    durs = []
    for i in range(n):
        start = time.perf_counter()
        f = df[df["state"] == states[i % len(states)]] if i % 2 == 0 else df[df["phenomenon"] == phens[i % len(phens)]]
        tables(f, three=True)
        durs.append((time.perf_counter() - start) * 1000)
    durs.sort()
    print(f"p50-ms {durs[len(durs) // 2]:.1f} p95-ms {durs[min(int(0.95 * len(durs)), len(durs) - 1)]:.1f}")


if __name__ == "__main__":
    main()
