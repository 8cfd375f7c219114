# nps_ext: customer-experience metrics as PostgreSQL aggregates (PGXS build)

EXTENSION  = nps_ext
MODULE_big = nps_ext
OBJS = \
	src/module.o \
	src/summary.o \
	src/summary_io.o \
	src/exact_sum.o \
	src/score_args.o \
	src/summary_kind.o \
	src/nps.o \
	src/csat_ces.o \
	src/weights.o \
	src/validity.o \
	src/summary_ops.o \
	src/summary_subtract.o \
	src/summary_add.o \
	src/live_summaries.o \
	src/p_adjust.o \
	src/control_charts.o \
	src/accessors.o \
	src/results.o \
	src/stats.o \
	src/summary_split.o \
	src/stats_math.o \
	src/beta_function.o \
	src/two_sample_tests.o \
	src/summary_prior.o \
	src/fair_rank.o \
	src/fair_rank_math.o \
	src/json_cursor.o \
	src/churn.o \
	src/churn_state.o \
	src/churn_io.o \
	src/churn_eval.o \
	src/churn_features.o \
	src/churn_model.o \
	src/churn_model_io.o \
	src/churn_fit_pass.o \
	src/churn_fit.o \
	src/cholesky.o \
	src/churn_score.o \
	src/churn_explain.o

DATA = $(wildcard sql/install/nps_ext--*.sql)

# pg_regress: sql/<name>.sql is run and compared with expected/<name>.out
REGRESS = setup nps csat ces churn churn_eval churn_model state_io parallel window summaries live_summaries weights statistics two_sample_tests fair_rankings segments control_charts storage limits errors dirty_data fuzz cancel upgrade security readme demo
REGRESS_OPTS = --load-extension=nps_ext

# The one version number (control file); the library reports it too.
NPS_EXT_VERSION := $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" nps_ext.control)
ifeq ($(NPS_EXT_VERSION),)
$(error nps_ext.control has no default_version)
endif
PG_CPPFLAGS = -Isrc -DNPS_EXT_VERSION='"$(NPS_EXT_VERSION)"'
# -Wextra clean; -Wno-unused-parameter only because PostgreSQL's own inline
# header functions (ilist.h, bufpage.h, execnodes.h) trip it.
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Werror=implicit-function-declaration

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The release archive for PGXN and packagers, from git (HEAD): its version
# is the control file's in the three-part form PGXN requires (1.2 -> 1.2.0).
DIST_VERSION := $(shell echo '$(NPS_EXT_VERSION)' | sed -E 's/^([0-9]+\.[0-9]+)$$/\1.0/')
DIST := $(EXTENSION)-$(DIST_VERSION).zip

.PHONY: demo test test-matrix dist bench fuzz concurrency sanitize
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
test-matrix:
	bash scripts/matrix.sh
dist:
	git archive --format=zip --prefix=$(EXTENSION)-$(DIST_VERSION)/ -o $(DIST) HEAD
	@echo $(abspath $(DIST))
bench:
	bash scripts/bench.sh
fuzz:
	bash scripts/fuzz.sh
concurrency:
	bash scripts/concurrency.sh
sanitize:
	bash scripts/sanitize.sh
