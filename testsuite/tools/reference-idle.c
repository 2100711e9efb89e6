/* reference-idle.c -- whether the reference server is done
   (reference-idle.h), from /proc.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.  */

#include <stdio.h>
#include <string.h>

#include "reference-idle.h"

static pid_t watched_pid;
static unsigned int watched_port;
static unsigned long long marked_in_datagrams;

void
reference_idle_watch (pid_t pid, unsigned int port)
{
  watched_pid = pid;
  watched_port = port;
}

bool
reference_idle_enabled (void)
{
  return watched_pid > 0;
}

/* The process state letter of the watched process, or 0.  */
static char
process_state (void)
{
  char path[64], buf[512], *p;
  FILE *f;
  size_t n;

  snprintf (path, sizeof path, "/proc/%ld/stat", (long) watched_pid);
  f = fopen (path, "r");
  if (!f)
    return 0;
  n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[n] = '\0';
  /* "pid (comm) S ...": comm may hold spaces and parentheses.  */
  p = strrchr (buf, ')');
  return p && p[1] == ' ' ? p[2] : 0;
}

/* Add to *QUEUED the receive queues of the sockets with local port
   watched_port in FILE (/proc/PID/net/udp or udp6).  False if FILE
   cannot be read.  */
static bool
add_queued (const char *file, unsigned long *queued)
{
  char path[64], line[512];
  FILE *f;

  snprintf (path, sizeof path, "/proc/%ld/net/%s", (long) watched_pid,
	    file);
  f = fopen (path, "r");
  if (!f)
    return false;
  while (fgets (line, sizeof line, f))
    {
      char local[64];
      unsigned long tx, rx;
      unsigned int port;
      char *colon;

      /* "sl: local rem st tx_queue:rx_queue ..."; the header does not
	 parse.  */
      if (sscanf (line, "%*s %63s %*s %*s %lx:%lx", local, &tx, &rx) != 3)
	continue;
      colon = strrchr (local, ':');
      if (colon && sscanf (colon + 1, "%x", &port) == 1
	  && port == watched_port)
	*queued += rx;
    }
  fclose (f);
  return true;
}

/* The UDP InDatagrams counter of the watched process's namespace, or
   0.  In /proc/PID/net/snmp a "Udp:" line of names precedes one of
   values.  */
static unsigned long long
in_datagrams (void)
{
  char path[64], line[1024];
  unsigned long long v = 0;
  bool names_seen = false;
  FILE *f;

  snprintf (path, sizeof path, "/proc/%ld/net/snmp", (long) watched_pid);
  f = fopen (path, "r");
  if (!f)
    return 0;
  while (fgets (line, sizeof line, f))
    if (strncmp (line, "Udp: ", 5) == 0)
      {
	if (names_seen)
	  {
	    sscanf (line + 5, "%llu", &v);
	    break;
	  }
	names_seen = true;
      }
  fclose (f);
  return v;
}

void
reference_idle_mark (void)
{
  if (reference_idle_enabled ())
    marked_in_datagrams = in_datagrams ();
}

bool
reference_idle (void)
{
  unsigned long queued = 0;

  if (!reference_idle_enabled () || process_state () != 'S'
      || in_datagrams () <= marked_in_datagrams)
    return false;
  if (!add_queued ("udp", &queued) || !add_queued ("udp6", &queued))
    return false;
  /* Asleep before and after the queue was read: between the two, it
     could have woken for a datagram and handled it all, which is as
     good.  */
  return queued == 0 && process_state () == 'S';
}
