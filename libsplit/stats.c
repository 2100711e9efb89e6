/* stats.c: what the kernel answered, for whoever sets OFFLOAD_STATS.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   With OFFLOAD_STATS=FILE in the environment, libsplit writes FILE at
   normal exit and whenever the process gets SIGUSR1 (when the program has
   no handler of its own for it), as one JSON object:

     {"kernel_answered": N, "passed_up": N, "other_traffic": N,
      "programs": [{"name": "...", "port": N, "state": "kernel",
		    "tx": N, "drop": N, "passed_up": N,
		    "fallback_reasons": {"refused": N, ...}}]}

   kernel_answered is the replies and drops made in the kernel, passed_up
   the requests the kernel gave to the program, other_traffic the packets
   that were not requests of the service; each sums the kernel's per-CPU
   counters over CPUs and programs.  A program served from userspace says
   "state": "userspace" and why ("reason").

   The writer runs in a signal handler, so it uses only open, write,
   rename, close and the bpf system call, formats its own numbers, and
   writes into a static buffer; FILE is replaced by rename, so a reader
   never sees half of it.  */

#include <offload-config.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <bpf/bpf.h>

#include "split-internal.h"

/* FILE and FILE.tmp, set once before anything may write.  */
static char *split_stats_path;
static char *split_stats_tmp;

/* The names of enum offload_fallback from 1 on (bpfgen/runtime/
   xdp-memory.h).  */
static const char *const split_fallback_names[] = {
  "refused", "memory", "loop", "records", "reply", "arith", "leave",
  "payload", "order", "concurrent"
};

struct split_buf
{
  char data[16384];
  size_t len;
};

static struct split_buf split_stats_buf;
static int split_stats_busy;

static void
split_put (struct split_buf *b, const char *s)
{
  while (*s && b->len < sizeof b->data)
    b->data[b->len++] = *s++;
}

static void
split_put_u64 (struct split_buf *b, uint64_t v)
{
  char digits[24];
  int n = 0;

  do
    digits[n++] = '0' + v % 10;
  while ((v /= 10) != 0);
  while (n > 0 && b->len < sizeof b->data)
    b->data[b->len++] = digits[--n];
}

/* S as a JSON string.  */
static void
split_put_string (struct split_buf *b, const char *s)
{
  static const char hex[] = "0123456789abcdef";
  char esc[7] = "\\u00";

  split_put (b, "\"");
  for (; s && *s; s++)
    {
      unsigned char c = *s;

      if (c == '"' || c == '\\')
	{
	  esc[0] = '\\';
	  esc[1] = c;
	  esc[2] = '\0';
	  split_put (b, esc);
	  memcpy (esc, "\\u00", 4);
	}
      else if (c < 0x20)
	{
	  esc[4] = hex[c >> 4];
	  esc[5] = hex[c & 15];
	  esc[6] = '\0';
	  split_put (b, esc);
	}
      else if (b->len < sizeof b->data)
	b->data[b->len++] = c;
    }
  split_put (b, "\"");
}

/* Counter KEY of SVC summed over CPUs; 0 when its kernel program never
   ran.  Only the bpf system call, so safe in a signal handler.  */
uint64_t
split_stats_read (const struct split_service *svc, unsigned int key)
{
  uint64_t sum = 0;

  if (svc->stats_fd < 0 || !svc->percpu)
    return 0;
  if (bpf_map_lookup_elem (svc->stats_fd, &key, svc->percpu) != 0)
    return 0;
  for (int i = 0; i < svc->n_cpus; i++)
    sum += svc->percpu[i];
  return sum;
}

/* The paths of SVC's program by the end the kernel counts them at,
   from its descriptor's ENDS ("END:ID,ID;END:ID"), with the requests the
   kernel answered there: "paths": [{"ids": [ID, ID], "end": "reply",
   "kernel_answered": N}, ...].  */
static void
split_put_ends (struct split_buf *b, const struct split_service *svc)
{
  const char *p = svc->prog->ends;
  int first = 1;

  split_put (b, ", \"paths\": [");
  while (p && *p)
    {
      unsigned int end = 0;
      char num[2] = { 0, 0 };

      while (*p >= '0' && *p <= '9')
	end = end * 10 + (unsigned int) (*p++ - '0');
      if (*p++ != ':')
	break;
      split_put (b, first ? "{\"ids\": [" : ", {\"ids\": [");
      first = 0;
      /* The ids, copied digit by digit (nothing else, so that the JSON
	 stays valid whatever the string holds).  */
      for (; *p && *p != ';'; p++)
	if (*p == ',')
	  split_put (b, ", ");
	else if (*p >= '0' && *p <= '9')
	  {
	    num[0] = *p;
	    split_put (b, num);
	  }
      if (*p == ';')
	p++;
      split_put (b, end ? "], \"end\": \"reply\"" : "], \"end\": \"drop\"");
      split_put (b, ", \"kernel_answered\": ");
      split_put_u64 (b, end < SPLIT_STAT_MAX - SPLIT_STAT_ENDS
			? split_stats_read (svc, SPLIT_STAT_ENDS + end) : 0);
      split_put (b, "}");
    }
  split_put (b, "]");
}

static void
split_stats_format (struct split_buf *b)
{
  int n = __atomic_load_n (&split_n_services, __ATOMIC_ACQUIRE);
  uint64_t answered = 0, passed = 0, other = 0;

  for (int i = 0; i < n; i++)
    {
      const struct split_service *svc = &split_services[i];

      answered += split_stats_read (svc, SPLIT_STAT_TX)
		  + split_stats_read (svc, SPLIT_STAT_DROP);
      passed += split_stats_read (svc, SPLIT_STAT_PASS_FALLBACK);
      other += split_stats_read (svc, SPLIT_STAT_PASS_OTHER);
    }

  b->len = 0;
  split_put (b, "{\"kernel_answered\": ");
  split_put_u64 (b, answered);
  split_put (b, ", \"passed_up\": ");
  split_put_u64 (b, passed);
  split_put (b, ", \"other_traffic\": ");
  split_put_u64 (b, other);
  split_put (b, ", \"programs\": [");
  for (int i = 0; i < n; i++)
    {
      const struct split_service *svc = &split_services[i];
      enum split_state state = __atomic_load_n (&svc->state,
						__ATOMIC_ACQUIRE);

      split_put (b, i ? ", {\"name\": " : "{\"name\": ");
      split_put_string (b, svc->prog->name);
      split_put (b, ", \"port\": ");
      split_put_u64 (b, svc->port ? svc->port : svc->prog->port);
      if (state == SPLIT_STATE_KERNEL)
	split_put (b, ", \"state\": \"kernel\"");
      else
	{
	  split_put (b, ", \"state\": \"userspace\", \"reason\": ");
	  split_put_string (b, state == SPLIT_STATE_IDLE
			       ? "its socket was never bound" : svc->reason);
	}
      split_put (b, ", \"tx\": ");
      split_put_u64 (b, split_stats_read (svc, SPLIT_STAT_TX));
      split_put (b, ", \"drop\": ");
      split_put_u64 (b, split_stats_read (svc, SPLIT_STAT_DROP));
      split_put (b, ", \"passed_up\": ");
      split_put_u64 (b, split_stats_read (svc, SPLIT_STAT_PASS_FALLBACK));
      split_put (b, ", \"fallback_reasons\": {");
      for (unsigned int r = 0;
	   r < sizeof split_fallback_names / sizeof *split_fallback_names;
	   r++)
	{
	  split_put (b, r ? ", \"" : "\"");
	  split_put (b, split_fallback_names[r]);
	  split_put (b, "\": ");
	  split_put_u64 (b, split_stats_read (svc,
					      SPLIT_STAT_REASONS + 1 + r));
	}
      split_put (b, "}");
      split_put_ends (b, svc);
      split_put (b, "}");
    }
  split_put (b, "]}\n");
}

/* Write the statistics file; async-signal-safe.  */
static void
split_stats_write (void)
{
  struct split_buf *b = &split_stats_buf;
  int saved_errno = errno;
  size_t done = 0;
  int fd;

  /* A signal arriving while the exit handler writes (or the other way
     round) skips its turn rather than mix the two.  */
  if (__atomic_exchange_n (&split_stats_busy, 1, __ATOMIC_ACQUIRE))
    return;
  split_stats_format (b);
  fd = open (split_stats_tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	     0666);
  if (fd >= 0)
    {
      while (done < b->len)
	{
	  ssize_t n = write (fd, b->data + done, b->len - done);

	  if (n < 0 && errno == EINTR)
	    continue;
	  if (n <= 0)
	    break;
	  done += n;
	}
      split_real_close (fd);
      if (done == b->len)
	rename (split_stats_tmp, split_stats_path);
      else
	unlink (split_stats_tmp);
    }
  __atomic_store_n (&split_stats_busy, 0, __ATOMIC_RELEASE);
  errno = saved_errno;
}

static void
split_stats_at_exit (void)
{
  split_stats_write ();
}

static void
split_stats_on_signal (int sig)
{
  (void) sig;
  split_stats_write ();
}

void
split_stats_init (void)
{
  static bool done;
  const char *path;
  size_t len;

  if (done)
    return;
  done = true;
  path = getenv ("OFFLOAD_STATS");
  if (!path || !*path)
    return;
  len = strlen (path);
  split_stats_path = strdup (path);
  split_stats_tmp = malloc (len + sizeof ".tmp");
  if (!split_stats_path || !split_stats_tmp)
    {
      free (split_stats_path);
      free (split_stats_tmp);
      split_stats_path = split_stats_tmp = NULL;
      return;
    }
  memcpy (split_stats_tmp, path, len);
  memcpy (split_stats_tmp + len, ".tmp", sizeof ".tmp");
  if (atexit (split_stats_at_exit) != 0)
    pr_debug ("cannot write %s at exit\n", path);
}

/* Called when a service starts: by then the program has set up its
   signals, if it does, and a handler of its own wins.  */
void
split_stats_install_signal (void)
{
  static bool done;
  struct sigaction old, sa;

  if (!split_stats_path || done)
    return;
  done = true;
  if (sigaction (SIGUSR1, NULL, &old) != 0
      || (old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
    {
      pr_debug ("SIGUSR1 belongs to the program; %s is written at exit "
		"only\n", split_stats_path);
      return;
    }
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = split_stats_on_signal;
  sigemptyset (&sa.sa_mask);
  /* Interrupt as little of the program as possible.  */
  sa.sa_flags = SA_RESTART;
  sigaction (SIGUSR1, &sa, NULL);
}
