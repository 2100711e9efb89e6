/* kernel-calls.cc -- the table of calls with a kernel-side equivalent,
   and the words for those without one.  */

#include "plugin/gcc-compat.h"
#include "lto/kernel-calls.h"
#include "lto/program.h"

namespace {

struct kernel_call_name
{
  const char *name;
  kernel_call kind;
};

/* Names as the program calls them; "__builtin_" is stripped first.  The
   __*_chk names are glibc's fortified variants, which check the
   destination size (the generated code checks it too).  */
const kernel_call_name kernel_calls[] = {
  { "memcpy", KCALL_MEMCPY },	{ "memmove", KCALL_MEMCPY },
  { "__memcpy_chk", KCALL_MEMCPY }, { "__memmove_chk", KCALL_MEMCPY },
  { "mempcpy", KCALL_NONE },
  { "memset", KCALL_MEMSET },	{ "__memset_chk", KCALL_MEMSET },
  { "memcmp", KCALL_MEMCMP },	{ "bcmp", KCALL_MEMCMP },
  { "memchr", KCALL_MEMCHR },
  { "strlen", KCALL_STRLEN },	{ "strnlen", KCALL_STRNLEN },
  { "strcmp", KCALL_STRCMP },	{ "strncmp", KCALL_STRNCMP },
  { "strchr", KCALL_STRCHR },
  { "bswap16", KCALL_BSWAP16 },	{ "htons", KCALL_BSWAP16 },
  { "ntohs", KCALL_BSWAP16 },
  { "bswap32", KCALL_BSWAP32 },	{ "htonl", KCALL_BSWAP32 },
  { "ntohl", KCALL_BSWAP32 },
  { "bswap64", KCALL_BSWAP64 },
  { "abs", KCALL_ABS },		{ "labs", KCALL_ABS },
  { "llabs", KCALL_ABS },
  { "__ctype_b_loc", KCALL_CTYPE_B },
  { "__ctype_toupper_loc", KCALL_CTYPE_TOUPPER },
  { "__ctype_tolower_loc", KCALL_CTYPE_TOLOWER },
  { "toupper", KCALL_TOUPPER },	{ "tolower", KCALL_TOLOWER },
  { "clock_gettime", KCALL_CLOCK_GETTIME },
  { "abort", KCALL_ABORT },	{ "trap", KCALL_ABORT },
  { "unreachable", KCALL_ABORT },
};

/* Families of calls that cannot run in BPF, by what they do.  */
struct refusal
{
  const char *why;
  const char *names[24];
};

const refusal refusals[] = {
  { "file I/O cannot run in BPF",
    { "fopen", "fopen64", "fclose", "fread", "fwrite", "fgets", "fputs",
      "fputc", "putc", "fflush", "fseek", "ftell", "open", "close", "lseek",
      "unlink", "rename", "fsync", "fdopen", "getline", "fscanf",
      "__fprintf_chk", "__fgets_chk", NULL } },
  { "formatted output cannot run in BPF",
    { "printf", "fprintf", "vfprintf", "vprintf", "puts", "putchar",
      "perror", "sprintf", "snprintf", "vsnprintf", "dprintf",
      "__printf_chk", "__sprintf_chk", "__snprintf_chk",
      "__vsnprintf_chk", "__vfprintf_chk", "syslog", "__syslog_chk",
      "sscanf", "__isoc99_sscanf", "strftime", NULL } },
  { "dynamic memory cannot be allocated in BPF",
    { "malloc", "calloc", "realloc", "free", "strdup", "strndup",
      "reallocarray", "aligned_alloc", "posix_memalign", NULL } },
  { "setjmp and longjmp cannot run in BPF",
    { "setjmp", "_setjmp", "__sigsetjmp", "sigsetjmp", "longjmp",
      "_longjmp", "siglongjmp", "__longjmp_chk", NULL } },
  { "blocking calls cannot run in BPF",
    { "sleep", "usleep", "nanosleep", "pthread_mutex_lock",
      "pthread_cond_wait", "sem_wait", "wait", "waitpid", NULL } },
  { "process and signal calls cannot run in BPF",
    { "exit", "_exit", "fork", "execve", "execv", "execvp", "kill",
      "raise", "signal", "sigaction", "getpid", "system", NULL } },
  { "variable-length stack objects cannot live in BPF",
    { "__builtin_alloca", "alloca", "__builtin_alloca_with_align",
      "__builtin_alloca_with_align_and_max", NULL } },
};

/* FNDECL's name without a "__builtin_" prefix.  */
const char *
plain_name (tree fndecl)
{
  const char *name = decl_name (fndecl);
  if (startswith (name, "__builtin_") && strcmp (name, "__builtin_alloca"))
    name += strlen ("__builtin_");
  return name;
}

} // anon namespace

kernel_call
kernel_call_of (tree fndecl)
{
  const char *name = plain_name (fndecl);
  for (const kernel_call_name &k : kernel_calls)
    if (strcmp (k.name, name) == 0)
      return k.kind;
  return KCALL_NONE;
}

const char *
kernel_call_refusal (tree fndecl)
{
  const char *name = decl_name (fndecl);
  for (const refusal &r : refusals)
    for (const char *const *n = r.names; *n; n++)
      if (strcmp (*n, name) == 0)
	return r.why;
  if (DECL_IS_UNDECLARED_BUILTIN (fndecl) || fndecl_built_in_p (fndecl))
    return "this built-in function has no BPF translation";
  return "it has no body in the program and no BPF equivalent";
}
