#!/usr/bin/python3
"""Opening coalitions of the first great-power war of each run, from a results store.

Reads the `events` table of a store written by `concord compare ... --out STORE` (or `run`),
takes in each run the earliest `great_power_war` event (lowest year, then lowest seq: the order
of occurrence) and counts its two sides as written at onset ("USA+JPN vs CHN+PRK", names from
the scenario's stateabb, each side sorted by name, the two sides sorted so that a coalition and
its mirror count together). Prints a markdown table per order: the most frequent coalitions,
their count among the runs that had a great-power war, and the number of runs.

    scripts/first_gp_war_coalitions.py STORE SCENARIO [--orders a,b,c] [--top 5] [--ensemble N]
                                       [--opposed A,B]

With --opposed A,B (two stateabb), also counts the wars of each order (all wars, not only the
first) with A and B on opposite sides.

Used for docs/model.md ("Alignment: threat, rivalry and face validity"), before and after the
alignment change. Needs only the Python standard library (sqlite3, tomllib: Python >= 3.11).
"""
import argparse
import collections
import json
import sqlite3
import sys
import tomllib


def stateabb_by_ccode(scenario_path):
    with open(scenario_path, "rb") as f:
        scenario = tomllib.load(f)
    return {a["ccode"]: a["stateabb"] for a in scenario.get("actor", [])}


def coalition_label(side_a, side_b, names):
    a = sorted(names.get(c, str(c)) for c in json.loads(side_a))
    b = sorted(names.get(c, str(c)) for c in json.loads(side_b))
    sides = sorted(["+".join(a), "+".join(b)])
    return f"{sides[0]} vs {sides[1]}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("scenario")
    ap.add_argument("--orders", default="", help="comma-separated order names (default: all in the store)")
    ap.add_argument("--top", type=int, default=5)
    ap.add_argument("--ensemble", type=int, default=0, help="ensemble id (default: the last complete one)")
    ap.add_argument("--opposed", default="", help="two stateabb, e.g. CAN,USA: wars with them on opposite sides")
    args = ap.parse_args()

    names = stateabb_by_ccode(args.scenario)
    db = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    ensemble = args.ensemble
    if ensemble == 0:
        row = db.execute("SELECT MAX(ensemble_id) FROM ensembles WHERE status = 'complete'").fetchone()
        if row is None or row[0] is None:
            sys.exit(f"{args.store}: no complete ensemble")
        ensemble = row[0]
    orders = [o for o in args.orders.split(",") if o] or [
        r[0] for r in db.execute("SELECT DISTINCT order_name FROM runs WHERE ensemble_id = ? ORDER BY order_name",
                                 (ensemble,))]
    print(f"store {args.store}, ensemble {ensemble}; first great-power war of each run, sides at onset\n")
    for order in orders:
        runs = db.execute("SELECT COUNT(*) FROM runs WHERE ensemble_id = ? AND order_name = ?",
                          (ensemble, order)).fetchone()[0]
        rows = db.execute(
            """SELECT e.run_id, e.year, e.seq, e.side_a, e.side_b FROM events e
               JOIN runs r ON r.ensemble_id = e.ensemble_id AND r.run_id = e.run_id
               WHERE e.ensemble_id = ? AND r.order_name = ? AND e.kind = 'great_power_war'
               ORDER BY e.run_id, e.year, e.seq""", (ensemble, order)).fetchall()
        first = {}
        for run_id, year, seq, side_a, side_b in rows:
            if run_id not in first:
                first[run_id] = coalition_label(side_a, side_b, names)
        counts = collections.Counter(first.values())
        print(f"**{order}**: {len(first)} of {runs} runs with a great-power war\n")
        if not counts:
            print("(none)\n")
            continue
        print("| opening coalitions | runs | share of GP wars |")
        print("| --- | --- | --- |")
        for label, k in counts.most_common(args.top):
            print(f"| {label} | {k} | {k / len(first):.2f} |")
        rest = len(first) - sum(k for _, k in counts.most_common(args.top))
        if rest > 0:
            print(f"| ({len(counts) - args.top} others) | {rest} | {rest / len(first):.2f} |")
        print()
    if args.opposed:
        x, y = args.opposed.split(",")
        code = {v: k for k, v in names.items()}
        cx, cy = code[x], code[y]
        print(f"| order | wars with {x} and {y} on opposite sides | wars | runs |")
        print("| --- | --- | --- | --- |")
        for order in orders:
            runs = db.execute("SELECT COUNT(*) FROM runs WHERE ensemble_id = ? AND order_name = ?",
                              (ensemble, order)).fetchone()[0]
            wars = opposed = 0
            for side_a, side_b in db.execute(
                    """SELECT e.side_a, e.side_b FROM events e
                       JOIN runs r ON r.ensemble_id = e.ensemble_id AND r.run_id = e.run_id
                       WHERE e.ensemble_id = ? AND r.order_name = ? AND e.kind IN ('war', 'great_power_war')""",
                    (ensemble, order)):
                a, b = json.loads(side_a), json.loads(side_b)
                wars += 1
                if (cx in a and cy in b) or (cy in a and cx in b):
                    opposed += 1
            print(f"| {order} | {opposed} | {wars} | {runs} |")
        print()


if __name__ == "__main__":
    main()
