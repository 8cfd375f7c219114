/*
 * exact_sum.h
 *		Exact sums of doubles: a dense fixed-point superaccumulator.
 *
 * Rounded addition is not associative, so a sum of weights accumulated in
 * floating point depends on the order of the rows, and with it on the plan
 * (parallel workers, Citus merge trees).  An ExactSum holds the sum with no
 * rounding at all: a two's complement integer in units of 2^-1074 (the
 * smallest subnormal double, so every finite double is a whole number of
 * units) with EXACT_SUM_LIMBS 64-bit limbs, least significant first.
 * Integer addition is associative and commutative, and a fixed-width two's
 * complement integer has exactly one bit pattern per value, so the same
 * multiset of addends always gives the same bytes.
 *
 * Bounds.  A valid sum is >= 0 and rounds to a finite double, so it is
 * below 2^1024, bit 2098 of the integer.  Adding one more row (a weight is
 * at most 1e100 < 2^333, its square below 2^666) or another valid sum keeps
 * it below 2^1025, and the callers check the range after every addition,
 * so it never comes near 2^1037, the sign bit of 33 limbs (2112 bits); the
 * arithmetic modulo 2^2112 is therefore exact.  Sums that the aggregates
 * build from rows stay far below: at most 2^63 weights below 2^333 sum to
 * less than 2^396, their squares to less than 2^729.
 *
 * Carries are propagated at once, so the integer is always in canonical
 * form and no normalization step is needed before comparing, hashing or
 * writing it.  Adding a double touches two limbs (a 53-bit significand
 * straddles at most one limb boundary), its exact square three; the carry
 * out of them goes further only when the next limb is all ones, which a
 * loop handles.
 */
#ifndef NPS_EXT_EXACT_SUM_H
#define NPS_EXT_EXACT_SUM_H

#include "pg_compat.h"

#include <string.h>

#include "common/int.h"

#define EXACT_SUM_LIMBS			33
/* 2^-1074 is one unit: bit 0 of limb 0 */
#define EXACT_SUM_UNIT_EXPONENT	(-1074)

/*
 * The greedy expansion of a sum (exact_sum_terms) has at most this many
 * terms: each term takes at least 53 bits off the remainder (it is the
 * nearest double to it), and a valid sum spans at most 1024 + 1074 bits.
 */
#define EXACT_SUM_MAX_TERMS		41

typedef struct ExactSum
{
	uint64		limb[EXACT_SUM_LIMBS];
} ExactSum;

/* exact_sum.c */
extern void exact_sum_carry(ExactSum *sum, int from);
extern void exact_sum_add_double(ExactSum *sum, double x);
extern void exact_sum_add(ExactSum *into, const ExactSum *from);
extern bool exact_sum_is_zero(const ExactSum *sum);
extern bool exact_sum_is_negative(const ExactSum *sum);
extern double exact_sum_round(const ExactSum *sum);
extern bool exact_sum_fits_double(const ExactSum *sum);
extern void exact_sum_double_double(const ExactSum *sum, double *hi, double *lo);
extern int	exact_sum_terms(const ExactSum *sum, double *terms);
extern bool exact_sum_from_terms(ExactSum *sum, const double *terms, int nterms);

/*
 * Adds the 128-bit value (high:low) times 2^offset units.  offset >= 0 and
 * the value shifted must end below limb EXACT_SUM_LIMBS - 1 (it does for
 * squares of accepted weights, see exact_sum_add_square).
 */
static inline void
exact_sum_add_bits(ExactSum *sum, uint64 low, uint64 high, int offset)
{
	int			i = offset >> 6;
	int			shift = offset & 63;
	uint64		word[3];
	bool		carry = false;

	word[0] = low << shift;
	word[1] = shift ? (high << shift) | (low >> (64 - shift)) : high;
	word[2] = shift ? high >> (64 - shift) : 0;
	for (int k = 0; k < 3; k++)
	{
		/* at most one of the two additions can carry */
		bool		c = pg_add_u64_overflow(sum->limb[i + k], word[k], &sum->limb[i + k]);

		carry = c | pg_add_u64_overflow(sum->limb[i + k], carry, &sum->limb[i + k]);
	}
	if (unlikely(carry))
		exact_sum_carry(sum, i + 3);
}

/*
 * Adds a weight, a positive normal double (the transition functions accept
 * 1e-100 .. 1e100), and its exact square to two sums: the per-row path.  The
 * significand m (53 bits) and exponent e give w = m 2^e, w^2 = m^2 2^2e;
 * for w >= 2^-485 the square's units offset 2e + 1074 is not negative.
 */
static inline void
exact_sum_add_weight(ExactSum *sum, ExactSum *squares, double w)
{
	uint64		bits;
	int			biased;
	uint64		m;

	memcpy(&bits, &w, sizeof(bits));
	biased = (int) (bits >> 52);
	m = (bits & ((UINT64CONST(1) << 52) - 1)) | (UINT64CONST(1) << 52);
	/* w = m 2^(biased - 1075) = m 2^(biased - 1) units */
	exact_sum_add_bits(sum, m, 0, biased - 1);
#ifdef HAVE_INT128
	{
		uint128		square = (uint128) m * m;

		exact_sum_add_bits(squares, (uint64) square, (uint64) (square >> 64),
						   2 * biased - 1076);
	}
#else
	{
		/* m = a 2^32 + b: m^2 = a^2 2^64 + 2ab 2^32 + b^2, each part exact */
		uint64		a = m >> 32;
		uint64		b = m & 0xFFFFFFFF;

		exact_sum_add_bits(squares, b * b, 0, 2 * biased - 1076);
		exact_sum_add_bits(squares, 2 * a * b, 0, 2 * biased - 1076 + 32);
		exact_sum_add_bits(squares, a * a, 0, 2 * biased - 1076 + 64);
	}
#endif
}

/*
 * True when the sum is certainly a valid one (below 2^974, the top limb
 * empty): the one test per row; exact_sum_fits_double() decides the rest.
 */
static inline bool
exact_sum_is_small(const ExactSum *sum)
{
	return sum->limb[EXACT_SUM_LIMBS - 1] == 0;
}

#endif							/* NPS_EXT_EXACT_SUM_H */
