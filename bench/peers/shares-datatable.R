# The benchmark workload in R data.table (see bench/README.md). Usage: Rscript FILE THREADS
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
setDTthreads(as.integer(args[2]))
dt <- fread(args[1], select = c("unit", "year", "stage", "table", "code", "measure", "amount"),
            colClasses = "character", na.strings = NULL, encoding = "UTF-8", showProgress = FALSE)
d <- dt[stage == "budget" & table == "expenditure" & measure == "total" & amount != "" &
        grepl("^[0-9]{7}$", code)]
# At most two decimals by the workload's definition: x * 100 rounds to the exact integer, and
# every sum stays far below 2^53, so doubles hold them exactly.
d[, cents := round(as.numeric(gsub(",", "", amount, fixed = TRUE)) * 100)]
d[, city := tstrsplit(unit, "-", fixed = TRUE, keep = 1L)]
g <- d[, .(cents = sum(cents)), keyby = .(city, year, class = substr(code, 1L, 3L))]
g[, total := sum(cents), by = .(city, year)]
# 100 * cents / total to 4 decimals, half away from zero, by long division (exact in doubles).
n <- abs(g$cents); t <- abs(g$total); t[t == 0] <- 1
q <- n %/% t; r <- n %% t
for (i in 1:6) { r <- r * 10; q <- q * 10 + r %/% t; r <- r %% t }
q <- q + (2 * r >= t)
neg <- q != 0 & ((g$cents < 0) != (g$total < 0))
share <- sprintf("%s%.0f.%04.0f", ifelse(neg, "-", ""), q %/% 1e4, q %% 1e4)
share[g$total == 0] <- ""
amount <- sprintf("%s%.0f.%02.0f", ifelse(g$cents < 0, "-", ""), abs(g$cents) %/% 100,
                  abs(g$cents) %% 100)
fwrite(data.table(city = g$city, year = g$year, class = g$class, amount = amount,
                  share_pct = share), file = "", quote = FALSE, eol = "\n")
