#!/bin/sh
# The benchmark workload in Miller (see bench/README.md). Usage: shares-miller.sh FILE
# -S: every field stays a string (no type inference), so codes and years are compared as text.
exec mlr -S --icsv --ocsv filter '
  $stage == "budget" && $table == "expenditure" && $measure == "total" && $amount != "" &&
  $code =~ "^[0-9]{7}$"
' then put -q '
  # At most two decimals by the workload definition: x * 100 rounds to the exact integer.
  cents = int(round(float(gsub($amount, ",", "")) * 100));
  city = sub($unit, "-.*", "");
  @sum[city][$year][substr1($code, 1, 3)] += cents;
  end {
    for (city, years in @sum) {
      for (year, classes in years) {
        total = 0;
        for (class, c in classes) { total = total .+ c; }
        for (class, c in classes) {
          a = abs(c);
          amount = (c < 0 ? "-" : "") . fmtnum(a // 100, "%d") . "." . fmtnum(a % 100, "%02d");
          share = "";
          if (total != 0) {
            t = abs(total);
            q = (2 .* a .* 1000000 .+ t) // (2 .* t);
            sign = (q != 0 && ((c < 0) != (total < 0))) ? "-" : "";
            share = sign . fmtnum(q // 10000, "%d") . "." . fmtnum(q % 10000, "%04d");
          }
          emit1 {"city": city, "year": year, "class": class, "amount": amount, "share_pct": share};
        }
      }
    }
  }
' then sort -f city,year,class "$1"
