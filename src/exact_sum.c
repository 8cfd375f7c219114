/*
 * exact_sum.c
 *		Exact sums of doubles (exact_sum.h): adding, rounding once, and the
 *		canonical expansion that the text and binary forms carry.
 */
#include "postgres.h"

#include "exact_sum.h"

#include <math.h>

#include "common/int.h"
#include "port/pg_bitutils.h"

#define SIGNIFICAND_BITS	52
#define SIGNIFICAND_MASK	((UINT64CONST(1) << SIGNIFICAND_BITS) - 1)
#define EXPONENT_MASK		0x7FF

/* Propagates a carry into limb "from" and up; wraps modulo 2^2112 at the top. */
void
exact_sum_carry(ExactSum *sum, int from)
{
	for (int k = from; k < EXACT_SUM_LIMBS; k++)
	{
		if (++sum->limb[k] != 0)
			return;
	}
}

static void
exact_sum_borrow(ExactSum *sum, int from)
{
	for (int k = from; k < EXACT_SUM_LIMBS; k++)
	{
		if (sum->limb[k]-- != 0)
			return;
	}
}

/*
 * Adds any finite double, of either sign, subnormals included: the path of
 * format-2 sums (hi + lo) and of the terms of the text and binary forms.
 * A 53-bit significand at offset up to 2045 units lies in limbs i and i+1,
 * i <= 31.
 */
void
exact_sum_add_double(ExactSum *sum, double x)
{
	uint64		bits;
	int			biased;
	uint64		m;
	int			offset;
	int			i;
	uint64		w0,
				w1;
	bool		c;

	memcpy(&bits, &x, sizeof(bits));
	biased = (int) ((bits >> SIGNIFICAND_BITS) & EXPONENT_MASK);
	m = bits & SIGNIFICAND_MASK;
	Assert(biased != EXPONENT_MASK);
	/* normal: (2^52 + f) 2^(biased - 1075); subnormal: f 2^-1074 */
	if (biased != 0)
		m |= UINT64CONST(1) << SIGNIFICAND_BITS;
	offset = biased != 0 ? biased - 1 : 0;
	i = offset >> 6;
	w0 = m << (offset & 63);
	w1 = (offset & 63) ? m >> (64 - (offset & 63)) : 0;

	if (bits >> 63)
	{
		bool		c2;

		c = pg_sub_u64_overflow(sum->limb[i], w0, &sum->limb[i]);
		c2 = pg_sub_u64_overflow(sum->limb[i + 1], w1, &sum->limb[i + 1]);
		c2 |= pg_sub_u64_overflow(sum->limb[i + 1], c, &sum->limb[i + 1]);
		if (c2)
			exact_sum_borrow(sum, i + 2);
	}
	else
	{
		bool		c2;

		c = pg_add_u64_overflow(sum->limb[i], w0, &sum->limb[i]);
		c2 = pg_add_u64_overflow(sum->limb[i + 1], w1, &sum->limb[i + 1]);
		c2 |= pg_add_u64_overflow(sum->limb[i + 1], c, &sum->limb[i + 1]);
		if (c2)
			exact_sum_carry(sum, i + 2);
	}
}

/* into += from: combining two states, rolling up. */
void
exact_sum_add(ExactSum *into, const ExactSum *from)
{
	bool		carry = false;

	for (int k = 0; k < EXACT_SUM_LIMBS; k++)
	{
		bool		c = pg_add_u64_overflow(into->limb[k], from->limb[k], &into->limb[k]);

		carry = c | pg_add_u64_overflow(into->limb[k], carry, &into->limb[k]);
	}
}

bool
exact_sum_is_zero(const ExactSum *sum)
{
	for (int k = 0; k < EXACT_SUM_LIMBS; k++)
	{
		if (sum->limb[k] != 0)
			return false;
	}
	return true;
}

bool
exact_sum_is_negative(const ExactSum *sum)
{
	return (sum->limb[EXACT_SUM_LIMBS - 1] >> 63) != 0;
}

/*
 * The non-negative integer in units rounded to the nearest double, ties to
 * even; infinity beyond the double range.  The 64 bits from the top one
 * down hold the 53 kept bits, the rounding bit and 10 more; the bits below
 * them only matter as "any of them set" (sticky).
 */
static double
round_magnitude(const ExactSum *sum)
{
	int			top = EXACT_SUM_LIMBS - 1;
	int			high_bit;
	int			low_bit;
	uint64		window;
	bool		sticky = false;
	uint64		kept;

	while (top >= 0 && sum->limb[top] == 0)
		top--;
	if (top < 0)
		return 0.0;
	high_bit = 64 * top + pg_leftmost_one_pos64(sum->limb[top]);
	low_bit = high_bit - 63;
	if (low_bit <= 0)
		window = sum->limb[0] << -low_bit;	/* the whole value, top == 0 */
	else
	{
		int			i = low_bit >> 6;
		int			shift = low_bit & 63;

		window = sum->limb[i] >> shift;
		if (shift != 0)
		{
			window |= sum->limb[i + 1] << (64 - shift);
			sticky = (sum->limb[i] << (64 - shift)) != 0;
		}
		for (int k = 0; k < i; k++)
			sticky |= sum->limb[k] != 0;
	}
	kept = window >> 11;
	sticky |= (window & 0x3FF) != 0;
	if (((window >> 10) & 1) && (sticky || (kept & 1)))
		kept++;					/* 2^53 is still exact as a double */
	/* values below 2^53 units are kept whole, so subnormals are exact */
	return ldexp((double) kept, low_bit + 11 + EXACT_SUM_UNIT_EXPONENT);
}

/* The sum rounded to the nearest double (ties to even), of either sign. */
double
exact_sum_round(const ExactSum *sum)
{
	ExactSum	negated;

	if (!exact_sum_is_negative(sum))
		return round_magnitude(sum);
	/* two's complement: invert and add one */
	for (int k = 0; k < EXACT_SUM_LIMBS; k++)
		negated.limb[k] = ~sum->limb[k];
	exact_sum_carry(&negated, 0);
	return -round_magnitude(&negated);
}

/* Not negative and nearest to a finite double: what a stored sum must be. */
bool
exact_sum_fits_double(const ExactSum *sum)
{
	if (exact_sum_is_small(sum))
		return true;
	return !exact_sum_is_negative(sum) && isfinite(round_magnitude(sum));
}

/*
 * The canonical double-double of a valid sum, the format-2 pair (weight,
 * weight_errors): hi the nearest double, lo the nearest double to the rest.
 * A format-2 pair must also have hi + lo round to hi, and that fails in one
 * case: the rest lies just inside half an ulp of an odd hi and rounds to
 * exactly half an ulp, a tie that rounds away from hi.  lo is then the next
 * double toward zero, which is still within an ulp of lo of the rest.
 */
void
exact_sum_double_double(const ExactSum *sum, double *hi, double *lo)
{
	ExactSum	rest = *sum;

	Assert(exact_sum_fits_double(sum));
	*hi = round_magnitude(sum);
	exact_sum_add_double(&rest, -*hi);
	*lo = exact_sum_round(&rest);
	if (*hi + *lo != *hi)
		*lo = nextafter(*lo, 0.0);
}

/*
 * The canonical expansion of a valid sum, its form in text and binary: the
 * nearest double, then the nearest double to what is left, and so on until
 * nothing is (at least one term: 0 is [0]).  The first two terms are
 * exact_sum_double_double() but in its one exception.  Returns the number
 * of terms.
 */
int
exact_sum_terms(const ExactSum *sum, double *terms)
{
	ExactSum	rest = *sum;
	int			n = 0;

	Assert(exact_sum_fits_double(sum));
	do
	{
		if (n == EXACT_SUM_MAX_TERMS)
			elog(ERROR, "exact sum has more than %d terms", EXACT_SUM_MAX_TERMS);
		terms[n] = exact_sum_round(&rest);
		exact_sum_add_double(&rest, -terms[n]);
		n++;
	} while (!exact_sum_is_zero(&rest));
	return n;
}

/*
 * Sets *sum to the exact sum of nterms finite doubles and tells whether
 * they are its canonical expansion (false also for a sum that is negative
 * or beyond the double range, which has none).  Up to EXACT_SUM_MAX_TERMS
 * terms below 2^1024 cannot reach the sign bit, so the sum itself is exact.
 */
bool
exact_sum_from_terms(ExactSum *sum, const double *terms, int nterms)
{
	double		canonical[EXACT_SUM_MAX_TERMS];

	Assert(nterms >= 1 && nterms <= EXACT_SUM_MAX_TERMS);
	memset(sum, 0, sizeof(ExactSum));
	for (int k = 0; k < nterms; k++)
	{
		Assert(isfinite(terms[k]));
		exact_sum_add_double(sum, terms[k]);
	}
	if (!exact_sum_fits_double(sum))
		return false;
	return exact_sum_terms(sum, canonical) == nterms &&
		memcmp(canonical, terms, nterms * sizeof(double)) == 0;
}
