"""The benchmark workload in pandas (see bench/README.md): sums of 项-level expenditure by
city, year and 类 with each group's share of its city-year total, exact in 0.01 万元 integers."""
import sys

import numpy as np
import pandas as pd

path = sys.argv[1]
cols = ["unit", "year", "stage", "table", "code", "measure", "amount"]
df = pd.read_csv(path, usecols=cols, dtype=str, keep_default_na=False, na_filter=False)
keep = ((df["stage"] == "budget") & (df["table"] == "expenditure") & (df["measure"] == "total")
        & (df["amount"] != "") & df["code"].str.fullmatch(r"[0-9]{7}"))
d = df[keep]
# At most two decimals by the workload's definition, so x * 100 rounds to the exact integer.
cents = (d["amount"].str.replace(",", "", regex=False).astype(float) * 100).round().astype(np.int64)
frame = pd.DataFrame({
    "city": d["unit"].str.partition("-")[0],
    "year": d["year"],
    "class": d["code"].str[:3],
    "cents": cents,
})
g = frame.groupby(["city", "year", "class"], sort=True)["cents"].sum().reset_index()
total = g.groupby(["city", "year"])["cents"].transform("sum").to_numpy(np.int64)
c = g["cents"].to_numpy(np.int64)
n, t = np.abs(c), np.abs(total)
safe_t = np.where(t == 0, 1, t)
q = (2 * n * 1_000_000 + safe_t) // (2 * safe_t)  # 100 * c / total, 4 decimals, half away from 0

out = sys.stdout
out.write("city,year,class,amount,share_pct\n")
for city, year, cls, ci, ti, qi in zip(g["city"], g["year"], g["class"], c, total, q):
    amount = "%s%d.%02d" % ("-" if ci < 0 else "", abs(ci) // 100, abs(ci) % 100)
    if ti == 0:
        share = ""
    else:
        sign = "-" if qi != 0 and ((ci < 0) != (ti < 0)) else ""
        share = "%s%d.%04d" % (sign, qi // 10000, qi % 10000)
    out.write(f"{city},{year},{cls},{amount},{share}\n")
