/* The "kernel": two keys of its own and sites of both kinds in both forms. */
#include "static_branch.h"

DEFINE_STATIC_KEY_TRUE(core_on);
DEFINE_STATIC_KEY_FALSE(core_off);
DECLARE_STATIC_KEY_FALSE(net_tracing);

int core_counts[8];

void core_tick(int *stats)
{
	atomic_inc(&stats[0]);
	if (static_branch_unlikely(&core_off))
		atomic_add(2, &stats[1]);
	if (static_branch_likely(&core_on))
		atomic_inc(&stats[2]);
}

int core_forms(void)
{
	int forms = 0;
	if (static_branch_likely(&core_off))
		forms |= 1;
	if (static_branch_unlikely(&core_on))
		forms |= 2;
	if (static_branch_unlikely(&net_tracing))
		forms |= 4;
	return forms;
}
