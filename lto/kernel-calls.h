/* kernel-calls.h -- calls without a body that generated BPF code can
   still make, because the kernel side has an equivalent.

   These are the C library and compiler built-in functions the code
   generator (bpfgen/) translates instead of refusing: bounded memory and
   string functions over the request's memory, byte-order conversions,
   the C locale's character classes, and the monotonic clock.  Every
   other call without a body keeps its path in userspace, and
   kernel_call_refusal says why in words a user understands.  */

#ifndef OFFLOAD_KERNEL_CALLS_H
#define OFFLOAD_KERNEL_CALLS_H

enum kernel_call
{
  KCALL_NONE,
  KCALL_MEMCPY,		/* memcpy, memmove, __memcpy_chk ...  */
  KCALL_MEMSET,
  KCALL_MEMCMP,		/* memcmp, bcmp.  */
  KCALL_MEMCHR,
  KCALL_STRLEN,
  KCALL_STRNLEN,
  KCALL_STRCMP,
  KCALL_STRNCMP,
  KCALL_STRCHR,
  KCALL_BSWAP16,	/* Also htons and ntohs.  */
  KCALL_BSWAP32,	/* Also htonl and ntohl.  */
  KCALL_BSWAP64,
  KCALL_ABS,		/* abs, labs, llabs.  */
  KCALL_CTYPE_B,	/* __ctype_b_loc: isdigit, isalpha ...  */
  KCALL_CTYPE_TOUPPER,	/* __ctype_toupper_loc.  */
  KCALL_CTYPE_TOLOWER,	/* __ctype_tolower_loc.  */
  KCALL_TOUPPER,
  KCALL_TOLOWER,
  KCALL_CLOCK_GETTIME,	/* CLOCK_MONOTONIC only: bpf_ktime_get_ns.  */
  KCALL_ABORT		/* abort, __builtin_trap: the kernel passes the
			   request up and userspace aborts.  */
};

/* What the kernel side does for a call to FNDECL, which has no body in
   the program; KCALL_NONE if it has no equivalent.  */
kernel_call kernel_call_of (tree fndecl);

/* Why a call to FNDECL (no body, no kernel equivalent) keeps a path in
   userspace: "file I/O cannot run in BPF" and the like.  */
const char *kernel_call_refusal (tree fndecl);

#endif /* OFFLOAD_KERNEL_CALLS_H */
