/* Deterministic random numbers for the demo and the bench generator:
 * splitmix64 to seed, xorshift64* to draw — our own, so that a seed gives
 * the same data with every libc. */
#ifndef SANGTAO_RNG_H
#define SANGTAO_RNG_H

#include <stdint.h>

typedef struct rng { uint64_t s; } rng;

static inline void rng_seed(rng *r, uint64_t seed)
{
    uint64_t z = seed + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    r->s = (z ^ (z >> 31)) | 1;
}
static inline uint32_t rng_next(rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return (uint32_t)((r->s * 0x2545F4914F6CDD1Dull) >> 32);
}
/* 0 … n-1 */
static inline int rnd(rng *r, int n) { return n > 0 ? (int)(rng_next(r) % (uint32_t)n) : 0; }
/* lo … hi */
static inline int range(rng *r, int lo, int hi) { return hi <= lo ? lo : lo + rnd(r, hi - lo + 1); }
/* true with pct % probability */
static inline int chance(rng *r, int pct) { return rnd(r, 100) < pct; }

#endif
