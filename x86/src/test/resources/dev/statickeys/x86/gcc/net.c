/* Built as an objtool build leaves its entries (bit 1 set in every key field); uses the core's key too. */
#include "static_branch.h"

DEFINE_STATIC_KEY_FALSE(net_tracing);
DECLARE_STATIC_KEY_TRUE(core_on);

int net_rx(int *stats)
{
	atomic_inc(&stats[4]);
	if (static_branch_unlikely(&net_tracing)) {
		atomic_add(3, &stats[5]);
		return 1;
	}
	if (static_branch_likely(&core_on))
		return 2;
	return 0;
}
