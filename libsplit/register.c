/* register.c: the programs the plugin embedded in this executable.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.  */

#include <offload-config.h>

#include <stdlib.h>

#include "split-internal.h"

/* A fixed array rather than a list: the receive wrappers and the SIGUSR1
   handler walk it, and must not race with a reallocation.  A program
   embeds one kernel program per service, so a handful is plenty.  */
struct split_service split_services[SPLIT_MAX_PROGRAMS];
int split_n_services;

/* Constructors run one at a time before main, so registration needs no
   lock; the count is published last so that bind, which may run in any
   thread later, sees complete entries.  */
void
split__register (const struct split_program *prog)
{
  struct split_service *svc;
  int n = split_n_services;

  if (!prog)
    return;
  if (prog->version != SPLIT_PROGRAM_VERSION)
    {
      /* A descriptor from a newer plugin may mean anything; serving from
	 userspace is always right.  */
      pr_warn ("%s: descriptor version %lu, this libsplit (%s) knows %d; "
	       "rebuild with the matching plugin; serving from userspace\n",
	       prog->name ? prog->name : "(unnamed)", prog->version,
	       split__version (), SPLIT_PROGRAM_VERSION);
      return;
    }
  if (n == SPLIT_MAX_PROGRAMS)
    {
      pr_warn ("%s: more than %d kernel programs; serving this one from "
	       "userspace\n", prog->name, SPLIT_MAX_PROGRAMS);
      return;
    }

  svc = &split_services[n];
  memset (svc, 0, sizeof *svc);
  svc->prog = prog;
  svc->state = SPLIT_STATE_IDLE;
  svc->sock_fd = -1;
  svc->stats_fd = -1;
  svc->config_fd = -1;
  svc->sockets_fd = svc->conns_fd = svc->conn_user_fd = -1;
  svc->replies_fd = -1;
  __atomic_store_n (&split_n_services, n + 1, __ATOMIC_RELEASE);
  pr_debug ("%s: registered (port %lu, %lu shared globals%s)\n", prog->name,
	    prog->port, prog->n_globals,
	    (prog->flags & SPLIT_PROGRAM_ORDERED) ? ", ordered" : "");

  split_stats_init ();
}
