/*
 * The kernel's static-branch and LOCK_PREFIX patterns, written for the x86 simulation's tests from the
 * facts of arch/x86/include/asm/jump_label.h, include/linux/jump_label.h and arch/x86/include/asm/alternative.h:
 * a site is an asm goto that emits a 5-byte NOP or a JMP to the "yes" label, and records a __jump_table entry
 * of three self-relative fields (s32 code, s32 target, s64 key + flags); bit 0 of the key field is the branch
 * (likely), bit 1 is set by an objtool build (HAVE_JUMP_LABEL_HACK) until the kernel rewrites it. A LOCK
 * prefix records its address in .smp_locks as an s32 self-relative entry.
 */
#ifndef SK_STATIC_BRANCH_H
#define SK_STATIC_BRANCH_H

typedef _Bool bool;
#define true 1
#define false 0

/* struct static_key: atomic_t enabled, then the union of type bits and the entries pointer (16 bytes). */
struct static_key {
	int enabled;
	unsigned long type;
};
struct static_key_true { struct static_key key; };
struct static_key_false { struct static_key key; };

#define DEFINE_STATIC_KEY_TRUE(name) struct static_key_true name = { { 1, 1 } }
#define DEFINE_STATIC_KEY_FALSE(name) struct static_key_false name = { { 0, 0 } }
#define DECLARE_STATIC_KEY_TRUE(name) extern struct static_key_true name
#define DECLARE_STATIC_KEY_FALSE(name) extern struct static_key_false name

#ifdef SK_OBJTOOL_ENTRIES
#define SK_ENTRY_FLAGS 2 /* what objtool's build leaves in each entry */
#else
#define SK_ENTRY_FLAGS 0
#endif

#define SK_JUMP_ENTRY(key, label)        \
	".pushsection __jump_table, \"aw\"\n\t" \
	".balign 8\n\t"                      \
	".long 1b - .\n\t"                   \
	".long " label " - .\n\t"            \
	".quad " key " - .\n\t"              \
	".popsection\n\t"

/* A site that starts as the 5-byte NOP (nopl 0x0(%rax,%rax,1)). */
static inline __attribute__((always_inline)) bool sk_site_nop(struct static_key *key, bool branch)
{
	asm goto("1: .byte 0x0f, 0x1f, 0x44, 0x00, 0x00\n\t"
		 SK_JUMP_ENTRY("%c0 + %c1", "%l[yes]")
		 : : "i" (key), "i" (SK_ENTRY_FLAGS | branch) : : yes);
	return false;
yes:
	return true;
}

/* A site that starts as a JMP to "yes"; the assembler picks the 2- or the 5-byte form. */
static inline __attribute__((always_inline)) bool sk_site_jmp(struct static_key *key, bool branch)
{
	asm goto("1: jmp %l[yes]\n\t"
		 SK_JUMP_ENTRY("%c0 + %c1", "%l[yes]")
		 : : "i" (key), "i" (SK_ENTRY_FLAGS | branch) : : yes);
	return false;
yes:
	return true;
}

#define sk_is_true_key(x) __builtin_types_compatible_p(__typeof__(*(x)), struct static_key_true)

/* Build-time instruction = initial value ^ branch (1 = JMP, 0 = NOP), as in include/linux/jump_label.h. */
#define static_branch_likely(x) \
	(sk_is_true_key(x) ? !sk_site_nop(&(x)->key, true) : !sk_site_jmp(&(x)->key, true))
#define static_branch_unlikely(x) \
	(sk_is_true_key(x) ? sk_site_jmp(&(x)->key, false) : sk_site_nop(&(x)->key, false))

#define LOCK_PREFIX                          \
	"671:\n\t"                           \
	".pushsection .smp_locks, \"a\"\n\t" \
	".balign 4\n\t"                      \
	".long 671b - .\n\t"                 \
	".popsection\n\t"                    \
	"lock "

static inline void atomic_inc(int *counter)
{
	asm volatile(LOCK_PREFIX "incl %0" : "+m" (*counter));
}

static inline void atomic_add(int i, int *counter)
{
	asm volatile(LOCK_PREFIX "addl %1, %0" : "+m" (*counter) : "ir" (i));
}

#endif
