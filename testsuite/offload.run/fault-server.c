/* fault-server.c -- an echo server that can die on request, for the
   fault tests (faults.exp).

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   Usage: fault-server PORT.  Every datagram is answered with "echo: "
   and the datagram, which the fast path can do, except two that must
   reach userspace: "SEGV" makes the server crash with SIGSEGV (a store
   through a null pointer, no core file), and "EXEC" makes it exec
   "/bin/sleep 10" in its place.  After either, no BPF program, link or
   map of the server may be left, while the process of the exec still
   runs.  */

#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define RECV_SIZE 256
#define REPLY_SIZE 512

static const char reply_prefix[] = "echo: ";

static volatile sig_atomic_t stop_requested;

/* The target of the crash; volatile, so that the store is made.  */
static int *volatile nowhere;

static void
on_signal (int sig)
{
  (void) sig;
  stop_requested = 1;
}

static int
parse_port (const char *arg)
{
  char *end;
  errno = 0;
  long port = strtol (arg, &end, 10);
  if (errno != 0 || end == arg || *end != '\0' || port < 1 || port > 65535)
    return -1;
  return (int) port;
}

/* Die as asked by the LEN-byte request REQ, if it asks.  */
static void
fault_if_asked (const char *req, size_t len)
{
  if (len == 4 && memcmp (req, "SEGV", 4) == 0)
    *nowhere = 1;
  if (len == 4 && memcmp (req, "EXEC", 4) == 0)
    {
      execl ("/bin/sleep", "sleep", "10", (char *) NULL);
      perror ("execl /bin/sleep");
      exit (1);
    }
}

int
main (int argc, char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s PORT\n", argv[0]);
      return 2;
    }
  int port = parse_port (argv[1]);
  if (port < 0)
    {
      fprintf (stderr, "%s: invalid port '%s'\n", argv[0], argv[1]);
      return 2;
    }

  /* The crash is on purpose: no core file in the build tree.  */
  struct rlimit no_core = { 0, 0 };
  setrlimit (RLIMIT_CORE, &no_core);

  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGINT, &sa, NULL);

  int fd = socket (AF_INET, SOCK_DGRAM, 0);
  if (fd < 0)
    {
      perror ("socket");
      return 1;
    }
  struct sockaddr_in addr;
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_ANY);
  addr.sin_port = htons ((uint16_t) port);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind");
      return 1;
    }

  printf ("ready\n");
  fflush (stdout);

  struct pollfd pfd = { .fd = fd, .events = POLLIN };
  while (!stop_requested)
    {
      if (poll (&pfd, 1, -1) < 0)
	{
	  if (errno == EINTR)
	    continue;
	  perror ("poll");
	  return 1;
	}
      if (!(pfd.revents & POLLIN))
	continue;

      char buf[RECV_SIZE];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;
      fault_if_asked (buf, (size_t) n);

      char reply[REPLY_SIZE];
      size_t prefix_len = strlen (reply_prefix);
      memcpy (reply, reply_prefix, prefix_len);
      memcpy (reply + prefix_len, buf, (size_t) n);
      sendto (fd, reply, prefix_len + (size_t) n, 0,
	      (struct sockaddr *) &peer, peer_len);
    }

  close (fd);
  return 0;
}
