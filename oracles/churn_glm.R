#!/usr/bin/env Rscript
# Churn oracle for nps_ext: features computed from the raw responses and
# logistic regressions fitted with R's glm().
#   Rscript oracles/churn_glm.R
# (paths are relative to the repository root, found from this file's location)
# Reads  sql/fixtures/churn_training.csv, sql/fixtures/churn_outcomes.csv
# Writes sql/fixtures/churn_glm.csv, sql/fixtures/churn_features_r.csv
# The features are computed here independently of oracles/make_churn_training.py.

script <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
if (length(script) == 1) setwd(file.path(dirname(normalizePath(script)), ".."))

training_path <- "sql/fixtures/churn_training.csv"
outcomes_path <- "sql/fixtures/churn_outcomes.csv"
glm_path      <- "sql/fixtures/churn_glm.csv"
features_path <- "sql/fixtures/churn_features_r.csv"

as_of <- as.POSIXct("2025-07-01 00:00:00", format = "%Y-%m-%d %H:%M:%S", tz = "UTC")

resp <- read.csv(training_path, colClasses = c("integer", "integer", "character",
                                               "integer", "integer"),
                 na.strings = "", strip.white = FALSE)
stopifnot(identical(names(resp), c("customer_id", "score", "responded_at",
                                   "effort", "satisfaction")))
stopifnot(all(grepl("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\+00$", resp$responded_at)))
resp$at <- as.POSIXct(sub("\\+00$", "", resp$responded_at),
                      format = "%Y-%m-%d %H:%M:%S", tz = "UTC")
stopifnot(!anyNA(resp$at), !anyNA(resp$customer_id))
stopifnot(all(is.na(resp$score) | (resp$score >= 0 & resp$score <= 10)))

out <- read.csv(outcomes_path, colClasses = c("integer", "character"))
stopifnot(identical(names(out), c("customer_id", "churned")),
          all(out$churned %in% c("t", "f")), !anyDuplicated(out$customer_id))

# Seconds from a to b, as a double.
secs <- function(b, a) as.numeric(difftime(b, a, units = "secs"))

# Responses at or before as_of only.
used <- resp[secs(resp$at, as_of) <= 0, ]

customer_features <- function(r) {
  s <- r[!is.na(r$score), ]
  n <- nrow(s)
  if (n == 0) stop("customer ", r$customer_id[1], " has no scored response")
  S <- sum(s$score)
  # Latest: greatest time; on an exact tie the lower score counts as later.
  t_max <- max(s$at)
  at_max <- s[secs(s$at, t_max) == 0, ]
  latest <- min(at_max$score)
  latest_at <- t_max
  dissatisfaction <- (10 - latest) / 10
  detractor <- if (latest <= 6) 1 else 0
  decline <- if (n >= 2) max(0, (S - latest) / (n - 1) - latest) / 10 else 0
  d <- secs(as_of, latest_at) / 86400
  if (d < 0) d <- 0
  silence <- 1 - 2^(-d / 180)
  since <- secs(s$at, as_of) / 86400          # days relative to as_of (<= 0)
  engagement <- sum(since > -365 & since <= 0)
  e <- r$effort[!is.na(r$effort)]
  q <- r$satisfaction[!is.na(r$satisfaction)]
  if (length(e) == 0 || length(q) == 0)
    stop("customer ", r$customer_id[1], " has no effort or satisfaction")
  effort <- mean(e)
  satisfaction <- mean(q)
  heuristic <- -3 + 3 * dissatisfaction + 1 * detractor + 2 * decline + 2 * silence
  data.frame(customer_id = r$customer_id[1], dissatisfaction = dissatisfaction,
             detractor = detractor, decline = decline, silence = silence,
             engagement = engagement, effort = effort, satisfaction = satisfaction,
             heuristic = heuristic)
}

feat <- do.call(rbind, lapply(split(used, used$customer_id), customer_features))
feat <- feat[order(feat$customer_id), ]
stopifnot(nrow(feat) == nrow(out), all(feat$customer_id == sort(out$customer_id)))
feat$churned <- as.integer(out$churned[match(feat$customer_id, out$customer_id)] == "t")

g17 <- function(x) sprintf("%.17g", x)

models <- list(
  base  = c("dissatisfaction", "detractor", "decline", "silence", "engagement"),
  all   = c("dissatisfaction", "detractor", "decline", "silence", "engagement",
            "effort", "satisfaction"),
  platt = c("heuristic")
)

rows <- list()
for (m in names(models)) {
  terms <- models[[m]]
  f <- as.formula(paste("churned ~", paste(terms, collapse = " + ")))
  fit <- glm(f, family = binomial, data = feat,
             control = glm.control(epsilon = 1e-14, maxit = 100))
  if (!isTRUE(fit$converged)) stop("model ", m, " did not converge")
  co <- summary(fit)$coefficients
  stopifnot(identical(rownames(co), c("(Intercept)", terms)))
  rows[[length(rows) + 1]] <- data.frame(
    model = m, term = c("intercept", terms),
    estimate = g17(co[, 1]), std_error = g17(co[, 2]),
    z = g17(co[, 3]), p_value = g17(co[, 4]))
  extra <- c(log_likelihood = as.numeric(logLik(fit)), n = nobs(fit),
             events = sum(feat$churned), iterations = fit$iter)
  rows[[length(rows) + 1]] <- data.frame(
    model = m, term = names(extra), estimate = g17(extra),
    std_error = "", z = "", p_value = "")
  cat(sprintf("%-6s converged in %d iterations, logLik %.6f\n",
              m, fit$iter, as.numeric(logLik(fit))))
  print(co)
}
res <- do.call(rbind, rows)
write.csv(res, glm_path, row.names = FALSE, quote = FALSE)

fo <- feat[, c("customer_id", "dissatisfaction", "detractor", "decline", "silence",
               "engagement", "effort", "satisfaction", "heuristic")]
for (k in names(fo)[-1]) fo[[k]] <- g17(fo[[k]])
write.csv(fo, features_path, row.names = FALSE, quote = FALSE)
cat("wrote", glm_path, "and", features_path, "\n")
