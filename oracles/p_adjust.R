# Oracle for p_adjust() and the segments-against-the-rest table
# (sql/segments.sql).  R base and stats only; deterministic.
#   Rscript oracles/p_adjust.R
# writes
#   sql/fixtures/p_adjust_r.csv   family,position,p,holm,bh,bonferroni
#   sql/fixtures/segments_r.csv   channel,detractors,passives,promoters,nps,
#                                 rest_nps,z,p,holm,bh,flag
# Numbers are printed with %.17g; an empty field is NA (SQL NULL).

fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))

# ---------------------------------------------------------------------------
# p.adjust on families of p-values: ties, NAs, 0 and 1, one and two values,
# all NA, values whose adjustment exceeds 1, and 200 uniform p-values.
# ---------------------------------------------------------------------------
set.seed(20260115)
families <- list(
  basic     = c(0.01, 0.02, 0.03, 0.04, 0.05),
  ties      = c(0.02, 0.01, 0.02, 0.02, 0.5, 0.01, 0.5),
  with_na   = c(0.04, NA, 0.001, NA, 0.03, 0.2),
  edges     = c(0, 1, 0, 0.5, 1, 1e-300, 0.999999),
  one       = c(0.03),
  two       = c(0.03, 0.04),
  all_na    = c(NA_real_, NA_real_),
  above_one = c(0.3, 0.6, 0.45, 0.9),
  uniform   = runif(200),
  small     = runif(60)^4 / 10
)
rows <- do.call(rbind, lapply(names(families), function(f) {
  p <- families[[f]]
  data.frame(family = f, position = seq_along(p), p = fmt(p),
             holm = fmt(p.adjust(p, "holm")), bh = fmt(p.adjust(p, "BH")),
             bonferroni = fmt(p.adjust(p, "bonferroni")))
}))
write.csv(rows, "sql/fixtures/p_adjust_r.csv", row.names = FALSE, quote = FALSE)

# ---------------------------------------------------------------------------
# Segments against the rest: per channel (detractors, passives, promoters),
# the rest = all channels minus it, the two-sample NPS z test
# (docs/metrics.md: V = pP + pD - (pP - pD)^2, SE = sqrt(Va/na + Vb/nb),
# p = 2 (1 - Phi(|z|))), Holm and BH across the channels, and the flag at
# alpha 0.05 on the Holm-adjusted p-value.  A channel below 30 responses
# has no test (NA), as nps_test's min_responses.
# ---------------------------------------------------------------------------
seg <- data.frame(
  channel    = c("app", "chat", "email", "phone", "retail", "sms", "social", "web"),
  detractors = c(120, 40, 260, 95, 30, 4, 55, 300),
  passives   = c(150, 45, 300, 120, 35, 5, 60, 410),
  promoters  = c(330, 70, 420, 160, 95, 9, 50, 690)
)
total <- colSums(seg[, c("detractors", "passives", "promoters")])
nps_of <- function(d, pa, p) 100 * (p - d) / (d + pa + p)
v_of <- function(d, pa, p) {
  n <- d + pa + p
  pp <- p / n; pd <- d / n
  pp + pd - (pp - pd)^2
}
rest_d <- total[["detractors"]] - seg$detractors
rest_pa <- total[["passives"]] - seg$passives
rest_p <- total[["promoters"]] - seg$promoters
n_seg <- seg$detractors + seg$passives + seg$promoters
n_rest <- rest_d + rest_pa + rest_p
diff <- (seg$promoters - seg$detractors) / n_seg - (rest_p - rest_d) / n_rest
se <- sqrt(v_of(seg$detractors, seg$passives, seg$promoters) / n_seg +
           v_of(rest_d, rest_pa, rest_p) / n_rest)
z <- diff / se
p <- 2 * pnorm(-abs(z))
z[n_seg < 30] <- NA
p[n_seg < 30] <- NA
holm <- p.adjust(p, "holm")
bh <- p.adjust(p, "BH")
flag <- ifelse(is.na(holm), NA, ifelse(holm < 0.05, sign(z), 0))
out <- data.frame(channel = seg$channel, detractors = seg$detractors,
                  passives = seg$passives, promoters = seg$promoters,
                  nps = fmt(nps_of(seg$detractors, seg$passives, seg$promoters)),
                  rest_nps = fmt(nps_of(rest_d, rest_pa, rest_p)),
                  z = fmt(z), p = fmt(p), holm = fmt(holm), bh = fmt(bh),
                  flag = ifelse(is.na(flag), "", sprintf("%d", as.integer(flag))))
write.csv(out, "sql/fixtures/segments_r.csv", row.names = FALSE, quote = FALSE)
