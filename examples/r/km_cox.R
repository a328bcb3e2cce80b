#!/usr/bin/env Rscript
# Time to the first great-power war by security order, read from a concord results store:
# Kaplan-Meier curves (survival) and a Cox proportional-hazards model of the time to war on the
# order, with multiplex (the present order) as the reference.
#
#   ./build/release/concord compare scenarios/asia-pacific-2015.toml --orders all --runs 1000 \
#       --years 35 --out results.sqlite
#   Rscript examples/r/km_cox.R results.sqlite [ENSEMBLE_ID] [km.png]
#
# Needs r-base-core, r-cran-rsqlite and r-cran-survival (scripts/install-deps.sh). The schema of
# the store is in docs/results.md. The script checks its Kaplan-Meier estimates against the
# curve concord computed (the store's `statistics` rows) and exits non-zero if they differ.

for (pkg in c("DBI", "RSQLite", "survival")) {
  if (!requireNamespace(pkg, quietly = TRUE)) {
    message("skipped: R package '", pkg, "' is not installed (scripts/install-deps.sh installs it)")
    quit(status = 77)
  }
}
suppressPackageStartupMessages({
  library(DBI)
  library(survival)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) stop("usage: Rscript km_cox.R STORE.sqlite [ENSEMBLE_ID] [OUT.png]")
store <- args[1]
con <- dbConnect(RSQLite::SQLite(), store, flags = RSQLite::SQLITE_RO)

# The ensemble: the one named, else the latest complete compare (or run) in the store.
ens <- if (length(args) >= 2 && nzchar(args[2])) {
  dbGetQuery(con, "SELECT * FROM ensembles WHERE ensemble_id = ?", params = list(as.integer(args[2])))
} else {
  dbGetQuery(con, "SELECT * FROM ensembles WHERE kind IN ('compare', 'run') AND status = 'complete'
                   ORDER BY ensemble_id DESC LIMIT 1")
}
if (nrow(ens) != 1) stop("no complete compare ensemble in ", store)
id <- ens$ensemble_id
cat(sprintf("ensemble %d of %s: %s, %d runs planned, %d years, seed %s, status %s\n",
            id, store, ens$kind, ens$planned_runs, ens$years, format(ens$seed), ens$status))
if ("concord_commit" %in% names(ens)) {
  cat(sprintf("made by concord %s (commit %s)\n", ens$concord_version, ens$concord_commit))
}

# One row per run; the first great-power war of each run from the events table.
runs <- dbGetQuery(con, "SELECT run_id, order_name, start_year, years FROM runs WHERE ensemble_id = ?",
                   params = list(id))
first <- dbGetQuery(con, "SELECT run_id, MIN(year) AS war_year FROM events
                          WHERE ensemble_id = ? AND kind = 'great_power_war' GROUP BY run_id",
                    params = list(id))
d <- merge(runs, first, by = "run_id", all.x = TRUE)
d$war <- as.integer(!is.na(d$war_year))
# time: years after the start year to the onset (1 = the first simulated year); censored at the horizon
d$time <- ifelse(d$war == 1, d$war_year - d$start_year, d$years)
orders <- unique(runs$order_name)
d$order <- factor(d$order_name, levels = if ("multiplex" %in% orders) c("multiplex", setdiff(orders, "multiplex")) else orders)

km <- survfit(Surv(time, war) ~ order, data = d)
horizon <- max(d$years)
at_h <- summary(km, times = horizon, extend = TRUE)
tab <- data.frame(order = sub("^order=", "", as.character(at_h$strata)), runs = at_h$n,
                  S_horizon = at_h$surv, lo = at_h$lower, hi = at_h$upper)
tab$P_gp_war <- 1 - tab$S_horizon
cat(sprintf("\nP(great-power war within %d years), Kaplan-Meier (log-log intervals of survival):\n", horizon))
print(tab[order(tab$P_gp_war), c("order", "runs", "P_gp_war", "S_horizon", "lo", "hi")], row.names = FALSE, digits = 4)

# Check against concord's own curve (statistic 'survival', Greenwood intervals)
stored <- dbGetQuery(con, "SELECT grp, at, estimate FROM statistics
                           WHERE ensemble_id = ? AND statistic = 'survival'", params = list(id))
if (nrow(stored) > 0) {
  worst <- 0
  for (o in orders) {
    s <- stored[stored$grp == o, ]
    mine <- summary(km[paste0("order=", o)], times = s$at, extend = TRUE)$surv
    worst <- max(worst, abs(mine - s$estimate))
  }
  cat(sprintf("\nlargest difference from the curve concord stored: %.3g\n", worst))
  if (worst > 1e-9) stop("the Kaplan-Meier estimates differ from the store's survival statistics")
}

# Cox model of the time to the first great-power war on the order. An order with no great-power
# war in any run has a hazard ratio of 0, which partial likelihood cannot estimate (the
# coefficient runs to -infinity): such orders are left out and listed.
events_by_order <- tapply(d$war, d$order, sum)
none <- names(events_by_order)[events_by_order == 0]
if (length(none) > 0) {
  cat("\nno great-power war in any run (left out of the Cox model):", paste(none, collapse = ", "), "\n")
}
keep <- d[!(as.character(d$order) %in% none), ]
keep$order <- droplevels(keep$order)
if (nlevels(keep$order) >= 2 && sum(keep$war) > 0) {
  cox <- coxph(Surv(time, war) ~ order, data = keep, ties = "efron")
  cat(sprintf("\nCox model, reference '%s' (hazard ratios with 95%% intervals):\n", levels(keep$order)[1]))
  s <- summary(cox)
  print(signif(s$conf.int[, c("exp(coef)", "lower .95", "upper .95"), drop = FALSE], 4))
  cat(sprintf("likelihood-ratio test: %.2f on %d df, p = %.3g\n", s$logtest["test"], as.integer(s$logtest["df"]),
              s$logtest["pvalue"]))
  # proportional hazards: Grambsch & Therneau (1994) test on the Schoenfeld residuals
  print(cox.zph(cox))
} else {
  cat("\nfewer than two orders with a great-power war: no Cox model\n")
}

out <- if (length(args) >= 3) args[3] else "km_first_gp_war_r.png"
png(out, width = 900, height = 600)
cols <- grDevices::hcl.colors(length(orders), "Dark 3")
plot(km, col = cols, lwd = 2, xlab = sprintf("years after %d", d$start_year[1]),
     ylab = "P(no great-power war yet)", ylim = c(0, 1), mark.time = FALSE,
     main = "Time to the first great-power war, by order (Kaplan-Meier)")
legend("bottomleft", legend = levels(d$order), col = cols, lwd = 2, cex = 0.8, ncol = 2)
invisible(dev.off())
cat("wrote", out, "\n")
dbDisconnect(con)
