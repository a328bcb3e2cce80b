#!/usr/bin/python3
"""Observed hostility: how much strategic rivalry and recent disputes raise a dyad's dispute odds.

The intent term of Walt's threat in the alignment phase (docs/model.md, "Alignment: threat,
rivalry and face validity") scales (1 - trust) by the relative odds of a militarized dispute
that the dyad's observed hostility implies:

    H_ij = exp(b_rivalry * rivalry_ij + b_recent * recent_ij)

with rivalry_ij = 1 during a Thompson & Dreyer strategic rivalry and recent_ij = 1 when the two
had a dispute onset (or fought a war) in the previous ten years. This script estimates b_rivalry
and b_recent on the record: a logit of MID onset on every dyad-year of the COW state system,
1946-2010 (T&D's rivalry data end in 2010), with contiguity, log capital distance and a
major-power term as controls, so that the two coefficients measure hostility over and above
the proximity and power that enter Walt's threat on their own. Standard errors are clustered by
dyad (dyad-years of one pair are not independent).

    scripts/fit_hostility.py [--data-dir DIR] [--window 10] [--start 1946] [--end 2010]

Prints the coefficients, their standard errors and the TOML lines for the engine's parameter
table (`hostility_rivalry`, `hostility_recent`); docs/model.md quotes this output. Needs numpy
(/usr/bin/python3 on Debian 12 has it).
"""
import argparse
import collections
import csv
import math
import os
import sys

import numpy as np


def default_data_dir():
    env = os.environ.get("CONCORD_DATA_DIR")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "shared", "data"))


def years_of(row):
    return int(row["styear"]), int(row["endyear"])


def haversine_km(a, b):
    r = 6371.0088
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * r * math.asin(math.sqrt(min(1.0, h)))


def logit_irls(X, y, iters=50):
    beta = np.zeros(X.shape[1])
    for _ in range(iters):
        eta = X @ beta
        p = 1.0 / (1.0 + np.exp(-eta))
        w = p * (1 - p)
        grad = X.T @ (y - p)
        hess = (X * w[:, None]).T @ X
        step = np.linalg.solve(hess, grad)
        beta += step
        if np.max(np.abs(step)) < 1e-10:
            break
    p = 1.0 / (1.0 + np.exp(-(X @ beta)))
    hess = (X * (p * (1 - p))[:, None]).T @ X
    return beta, p, np.linalg.inv(hess)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", default=default_data_dir())
    ap.add_argument("--window", type=int, default=10, help="years of dispute memory (recent_ij)")
    ap.add_argument("--start", type=int, default=1946)
    ap.add_argument("--end", type=int, default=2010)
    args = ap.parse_args()
    d = args.data_dir

    # state system membership by year
    members = collections.defaultdict(list)
    with open(os.path.join(d, "cow_state_system_v2024", "statelist2024.csv")) as f:
        for r in csv.DictReader(f):
            s, e = years_of(r)
            for y in range(max(s, args.start), min(e, args.end) + 1):
                members[y].append(int(r["ccode"]))
    majors = collections.defaultdict(set)
    with open(os.path.join(d, "cow_state_system_v2024", "majors2024.csv")) as f:
        for r in csv.DictReader(f):
            s, e = years_of(r)
            for y in range(s, e + 1):
                majors[y].add(int(r["ccode"]))
    capital = {}
    with open(os.path.join(d, "peacesciencer_misc", "cow_capitals.csv")) as f:
        for r in csv.DictReader(f):
            capital[int(r["ccode"])] = (float(r["lat"]), float(r["lng"]))  # the last listed capital
    contig = collections.defaultdict(list)
    with open(os.path.join(d, "cow_contiguity_v3.2", "cow_contdir_peacesciencer.csv")) as f:
        for r in csv.DictReader(f):
            a, b = sorted((int(r["ccode1"]), int(r["ccode2"])))
            contig[(a, b)].append((int(r["stdate"][:4]), int(r["enddate"][:4])))
    rivalry = collections.defaultdict(list)
    with open(os.path.join(d, "peacesciencer_misc", "td_rivalries.csv")) as f:
        for r in csv.DictReader(f):
            a, b = sorted((int(r["ccode1"]), int(r["ccode2"])))
            rivalry[(a, b)].append(years_of(r))
    onsets = collections.defaultdict(set)  # dyad -> years with a MID onset
    with open(os.path.join(d, "peacesciencer_cow_mid_v5_dyadic", "cow_mid_dirdisps.csv")) as f:
        for r in csv.DictReader(f):
            if r["disponset"] != "1":
                continue
            a, b = sorted((int(r["ccode1"]), int(r["ccode2"])))
            onsets[(a, b)].add(int(r["year"]))

    rows = []
    dyad_id = {}
    for y in range(args.start, args.end + 1):
        states = sorted(set(members[y]))
        for i in range(len(states)):
            for j in range(i + 1, len(states)):
                a, b = states[i], states[j]
                k = (a, b)
                on = onsets.get(k, ())
                mid = 1.0 if y in on else 0.0
                recent = 1.0 if any(y - args.window <= t < y for t in on) else 0.0
                riv = 1.0 if any(s <= y <= e for s, e in rivalry.get(k, ())) else 0.0
                cont = 1.0 if any(s <= y <= e for s, e in contig.get(k, ())) else 0.0
                if a in capital and b in capital:
                    ld = math.log1p(haversine_km(capital[a], capital[b]))
                else:
                    ld = math.log1p(10000.0)
                mp = 1.0 if (a in majors[y] or b in majors[y]) else 0.0
                rows.append((mid, riv, recent, cont, ld, mp, dyad_id.setdefault(k, len(dyad_id))))
    data = np.array(rows)
    y = data[:, 0]
    names = ["intercept", "rivalry", f"recent (dispute in previous {args.window} years)", "contiguity",
             "ln(1 + capital distance km)", "major power (either)"]
    X = np.column_stack([np.ones(len(y)), data[:, 1:6]])
    beta, p, cov = logit_irls(X, y)
    # cluster-robust (by dyad) sandwich covariance
    score = X * (y - p)[:, None]
    groups = data[:, 6].astype(np.int64)
    g = np.zeros((groups.max() + 1, X.shape[1]))
    np.add.at(g, groups, score)
    meat = g.T @ g
    ng = g.shape[0]
    adj = ng / (ng - 1)
    robust = adj * cov @ meat @ cov
    se = np.sqrt(np.diag(robust))
    print(f"MID onset logit, COW state system dyad-years {args.start}-{args.end}: {len(y)} dyad-years, "
          f"{int(y.sum())} onsets, {ng} dyads")
    print(f"sources: MID 5.0 (peacesciencer cow_mid_dirdisps, disponset = 1), Thompson & Dreyer rivalries, "
          f"COW contiguity 3.2 (any type), COW capitals, COW majors 2024")
    print()
    print("| term | coefficient | s.e. (clustered by dyad) | odds ratio |")
    print("| --- | --- | --- | --- |")
    for nm, b, s in zip(names, beta, se):
        print(f"| {nm} | {b:.3f} | {s:.3f} | {math.exp(b):.2f} |")
    print()
    print("share of dyad-years with a MID onset: "
          f"all {y.mean():.4f}; rivals {y[data[:, 1] == 1].mean():.4f}; "
          f"recent dispute {y[data[:, 2] == 1].mean():.4f}; neither {y[(data[:, 1] == 0) & (data[:, 2] == 0)].mean():.4f}")
    print()
    print("# engine parameters (src/concord/engine/params.cpp), central value and 95% range")
    for key, idx in (("hostility_rivalry", 1), ("hostility_recent", 2)):
        print(f"{key} = {beta[idx]:.2f}  # [{beta[idx] - 1.96 * se[idx]:.2f}, {beta[idx] + 1.96 * se[idx]:.2f}]")


if __name__ == "__main__":
    sys.exit(main())
