# Second oracle for nps_ext's fair rankings, in R (base and stats only):
# qbeta() for the CSAT credible limits and a Monte Carlo of every NPS
# posterior (10^6 Dirichlet draws per group, by rgamma), each limit with a
# distribution-free bracket (order statistics at the rank N q -/+ 4.5
# binomial standard deviations: the true quantile lies inside with
# probability about 1 - 7e-6).  It reads the groups and the priors that
# oracles/fair_rankings.py wrote (the prior estimator is checked there).
# Writes sql/fixtures/fair_r.csv:
#   metric,grp,lower,upper,lower_lo,lower_hi,upper_lo,upper_hi
# CSAT rows: qbeta limits (the brackets empty); NPS rows: the Monte Carlo
# quantiles (type 1) and their brackets, in NPS points.
set.seed(20261130)
level <- 0.95
draws <- 1e6
groups <- read.csv("sql/fixtures/fair_groups.csv")
priors <- read.csv("sql/fixtures/fair_priors.csv")
prior <- function(metric, name) priors$value[priors$metric == metric & priors$parameter == name]
q <- c((1 - level) / 2, (1 + level) / 2)
out <- list()

ranks <- function(p) {
  centre <- draws * p
  spread <- 4.5 * sqrt(draws * p * (1 - p))
  c(max(1, floor(centre - spread)), min(draws, ceiling(centre + spread)))
}

a_csat <- c(prior("csat", "alpha_satisfied"), prior("csat", "alpha_unsatisfied"))
for (g in sort(unique(groups$grp[groups$metric == "csat"]))) {
  rows <- groups[groups$metric == "csat" & groups$grp == g, ]
  satisfied <- sum(rows$responses[rows$score >= 4])
  n <- sum(rows$responses)
  lim <- 100 * qbeta(q, a_csat[1] + satisfied, a_csat[2] + n - satisfied)
  out[[length(out) + 1]] <- data.frame(metric = "csat", grp = g, lower = lim[1], upper = lim[2],
                                       lower_lo = NA, lower_hi = NA, upper_lo = NA, upper_hi = NA)
}

a_nps <- c(prior("nps", "alpha_promoters"), prior("nps", "alpha_passives"),
           prior("nps", "alpha_detractors"))
for (g in sort(unique(groups$grp[groups$metric == "nps"]))) {
  rows <- groups[groups$metric == "nps" & groups$grp == g, ]
  counts <- c(sum(rows$responses[rows$score >= 9]),
              sum(rows$responses[rows$score %in% 7:8]),
              sum(rows$responses[rows$score <= 6]))
  a <- a_nps + counts
  gp <- rgamma(draws, a[1]); g0 <- rgamma(draws, a[2]); gd <- rgamma(draws, a[3])
  x <- sort(100 * (gp - gd) / (gp + g0 + gd))
  lr <- ranks(q[1]); ur <- ranks(q[2])
  out[[length(out) + 1]] <- data.frame(metric = "nps", grp = g,
                                       lower = x[ceiling(draws * q[1])], upper = x[ceiling(draws * q[2])],
                                       lower_lo = x[lr[1]], lower_hi = x[lr[2]],
                                       upper_lo = x[ur[1]], upper_hi = x[ur[2]])
}

res <- do.call(rbind, out)
fmt <- function(v) ifelse(is.na(v), "", sprintf("%.17g", v))
for (col in names(res)[3:8]) res[[col]] <- fmt(res[[col]])
write.csv(res, "sql/fixtures/fair_r.csv", row.names = FALSE, quote = FALSE)
