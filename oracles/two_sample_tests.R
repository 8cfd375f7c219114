# Oracles for the two-sample tests (csat_test, ces_test, nps_test with a
# method) and for Student's t distribution and the incomplete beta function
# behind ces_test.  R, base and stats only; see oracles/README.md.
#
#   Rscript oracles/two_sample_tests.R
#
# writes
#   sql/fixtures/two_sample_tests_r.csv   one row per pair of samples
#   sql/fixtures/student_t_r.csv          P(|T| >= |t|) on a grid of (t, df)
#   sql/fixtures/incomplete_beta_r.csv    I_x(a, b) on a grid of (a, b, x)

fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
counts_text <- function(k) paste(sprintf("%.0f", k), collapse = " ")

# P(|T| >= |t|) without R's normal approximation of pt() above df = 4e5.
t_two_sided <- function(t, df) {
  ifelse(df <= 4e5, 2 * pt(-abs(t), df),
         pbeta(t^2 / (df + t^2), 0.5, df / 2, lower.tail = FALSE))
}

rows <- list()
add <- function(metric, name, scale_max, satisfied_from, a, b, statistic, df, p) {
  rows[[length(rows) + 1]] <<- data.frame(
    metric = metric, name = name, scale_max = scale_max,
    satisfied_from = satisfied_from, counts_a = counts_text(a),
    counts_b = counts_text(b), statistic = fmt(statistic), df = fmt(df),
    p_value = fmt(p))
}

# CES: Welch's t test, t.test(x, y) (var.equal = FALSE is its default), on
# the raw scores a summary's counts stand for.
ces <- list(
  list("small, 1..7", 7, c(1, 2, 3, 5, 8, 6, 5), c(3, 4, 6, 8, 5, 3, 1)),
  list("unequal spread, 1..7", 7, c(0, 0, 10, 40, 10, 0, 0), c(9, 5, 5, 5, 5, 5, 9)),
  list("1..5, n = 31 and 200", 5, c(2, 4, 10, 10, 5), c(20, 30, 50, 60, 40)),
  list("equal means", 5, c(10, 0, 0, 0, 10), c(0, 5, 10, 5, 0)),
  list("one constant, 1..7", 7, c(0, 0, 0, 0, 0, 30, 0), c(1, 2, 3, 4, 5, 6, 7)),
  list("large n, 1..7", 7, c(100000, 120000, 150000, 300000, 400000, 500000, 430000),
       c(110000, 130000, 150000, 290000, 400000, 500000, 420000)),
  list("very large n, 1..5", 5, c(1e6, 2e6, 3e6, 2e6, 1.5e6), c(1e6, 2e6, 3e6, 2e6, 1.502e6)),
  list("far apart, 1..10", 10, c(20, 20, 10, 5, 0, 0, 0, 0, 0, 0), c(0, 0, 0, 0, 0, 5, 10, 20, 20, 30))
)
for (case in ces) {
  x <- rep(seq_along(case[[3]]), case[[3]])
  y <- rep(seq_along(case[[4]]), case[[4]])
  r <- t.test(x, y)
  add("ces", case[[1]], case[[2]], NA, case[[3]], case[[4]],
      unname(r$statistic), unname(r$parameter),
      t_two_sided(unname(r$statistic), unname(r$parameter)))
}

# CSAT: the two-proportion z test with the pooled standard error is
# prop.test(correct = FALSE): X-squared = z^2.  z's sign is that of
# p_a - p_b.
csat <- list(
  list("1..5 top-2-box", 5, 4, c(5, 5, 10, 20, 10), c(10, 10, 10, 15, 5)),
  list("1..5, small difference", 5, 4, c(30, 20, 50, 100, 100), c(35, 20, 45, 100, 100)),
  list("1..7, top-3-box", 7, 5, c(3, 3, 4, 10, 20, 30, 30), c(10, 10, 10, 10, 20, 20, 20)),
  list("1..10, satisfied from 8", 10, 8, c(0, 0, 1, 2, 3, 4, 5, 10, 10, 5), c(1, 1, 1, 1, 1, 1, 1, 1, 1, 31)),
  list("large n", 5, 4, c(100000, 200000, 300000, 800000, 600000), c(100000, 200000, 300000, 805000, 600000)),
  list("nobody satisfied in a", 5, 4, c(20, 10, 10, 0, 0), c(10, 10, 10, 5, 5))
)
for (case in csat) {
  a <- case[[4]]
  b <- case[[5]]
  sat <- c(sum(a[case[[3]]:case[[2]]]), sum(b[case[[3]]:case[[2]]]))
  n <- c(sum(a), sum(b))
  r <- prop.test(sat, n, correct = FALSE)
  z <- sign(sat[1] / n[1] - sat[2] / n[2]) * sqrt(unname(r$statistic))
  add("csat", case[[1]], case[[2]], case[[3]], a, b, z, NA, r$p.value)
}

# NPS, Wald and adjusted Wald: the mean of y = -1/0/+1 over the responses
# (adjusted: with weights 0.75, 1.5, 0.75 added to detractors, passives,
# promoters and 3 to n), its variance by stats::cov.wt(method = "ML"), and
# z = (mean_a - mean_b) / sqrt(V_a / n_a + V_b / n_b); p from pnorm.
nps_z <- function(a, b, adjusted) {
  part <- function(k) {
    w <- c(sum(k[1:7]), sum(k[8:9]), sum(k[10:11])) + if (adjusted) c(0.75, 1.5, 0.75) else 0
    v <- cov.wt(matrix(c(-1, 0, 1)), wt = w / sum(w), method = "ML")
    c(mean = unname(v$center), var = v$cov[1, 1], n = sum(w))
  }
  pa <- part(a)
  pb <- part(b)
  unname((pa["mean"] - pb["mean"]) / sqrt(pa["var"] / pa["n"] + pb["var"] / pb["n"]))
}
nps <- list(
  list("(40,60,100) vs (50,60,90)", c(40, 0, 0, 0, 0, 0, 0, 60, 0, 100, 0), c(50, 0, 0, 0, 0, 0, 0, 60, 0, 90, 0)),
  list("small n", c(1, 1, 0, 0, 1, 0, 2, 3, 2, 5, 5), c(3, 0, 1, 2, 1, 2, 3, 4, 4, 6, 4)),
  list("only promoters vs mixed", c(0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 15), c(2, 0, 0, 0, 1, 2, 3, 5, 5, 8, 9)),
  list("large n", c(50000, 0, 0, 0, 0, 20000, 10000, 40000, 40000, 90000, 50000),
       c(50000, 0, 0, 0, 0, 21000, 10000, 40000, 40000, 90000, 49000))
)
for (case in nps) {
  for (method in c("wald", "adjusted_wald")) {
    z <- nps_z(case[[2]], case[[3]], method == "adjusted_wald")
    add(paste0("nps_", method), case[[1]], 10, NA, case[[2]], case[[3]], z, NA, 2 * pnorm(-abs(z)))
  }
}

write.csv(do.call(rbind, rows), "sql/fixtures/two_sample_tests_r.csv", row.names = FALSE, na = "")

# Student's t: a grid of t and df, with df up to 1e7.
grid <- expand.grid(t = c(0.001, 0.1, 0.3, 0.7, 1, 1.5, 1.8, 2, 2.5, 3, 4, 6, 10, 30),
                    df = c(1, 1.5, 2, 3, 5, 10, 29.7, 58, 99, 100, 101, 1000, 12345.6,
                           1e5, 2.5e5, 4e5, 1e6, 3e6, 1e7))
write.csv(data.frame(t = fmt(grid$t), df = fmt(grid$df), p = fmt(t_two_sided(grid$t, grid$df))),
          "sql/fixtures/student_t_r.csv", row.names = FALSE, quote = FALSE)

# I_x(a, b): a and b from 0.1 to 1e4, x around the mean (within 3 standard
# deviations, kept in [1e-6, 1 - 1e-6]) or uniform; only values above
# 1e-280, away from underflow.
set.seed(20261202)
n <- 3000
a <- 10^runif(n, -1, 4)
b <- 10^runif(n, -1, 4)
m <- a / (a + b)
s <- sqrt(a * b / ((a + b)^2 * (a + b + 1)))
x <- pmin(pmax(m + 3 * s * rnorm(n), 1e-6), 1 - 1e-6)
x[1:500] <- runif(500, 0.001, 0.999)
p <- pbeta(x, a, b)
keep <- p > 1e-280 & p < 1
write.csv(data.frame(a = fmt(a[keep]), b = fmt(b[keep]), x = fmt(x[keep]), p = fmt(p[keep])),
          "sql/fixtures/incomplete_beta_r.csv", row.names = FALSE, quote = FALSE)
