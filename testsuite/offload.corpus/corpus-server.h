/* corpus-server.h -- what every server of the corpus shares, so that
   each server file shows only the construct it is about.

   corpus_open (ARGC, ARGV, OFFSET) parses the port argument, makes
   SIGTERM and SIGINT set corpus_stop (without SA_RESTART, so that the
   event loop's wait returns EINTR and the server stops and prints its
   state), binds a UDP socket to the port plus OFFSET on every address
   (corpus_socket), and prints "ready".  CORPUS_SERVE (FD, HANDLE) is the usual event
   loop: poll, recvfrom into a 256-byte buffer, HANDLE (BUF, LEN, OUT)
   writes the reply into a 256-byte OUT and returns its length, or -1 to
   drop the request, and sendto answers.  It is a macro, not a function
   taking HANDLE, so that HANDLE is called directly: a call through a
   pointer would be what the server is about.

   Usage of every server: NAME PORT.  */

#ifndef CORPUS_SERVER_H
#define CORPUS_SERVER_H

#define _GNU_SOURCE 1

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static volatile sig_atomic_t corpus_stop;

static void
corpus_on_signal (int sig)
{
  (void) sig;
  corpus_stop = 1;
}

/* A UDP socket bound to PORT on every address; "ready" once bound.  */
static int
corpus_socket (long port)
{
  int fd = socket (AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in addr;
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_ANY);
  addr.sin_port = htons ((uint16_t) port);
  if (fd < 0 || bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("socket or bind");
      exit (1);
    }
  printf ("ready\n");
  fflush (stdout);
  return fd;
}

/* Stop on SIGTERM and SIGINT (see above).  */
static void
corpus_signals (void)
{
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = corpus_on_signal;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGINT, &sa, NULL);
}

static int
corpus_open (int argc, char **argv, int offset)
{
  char *end;
  long port = argc == 2 ? strtol (argv[1], &end, 10) : 0;
  if (argc != 2 || *end != '\0' || port < 1 || port + offset > 65535)
    {
      fprintf (stderr, "usage: %s PORT\n", argv[0]);
      exit (2);
    }
  corpus_signals ();
  return corpus_socket (port + offset);
}

#define CORPUS_SERVE(FD, HANDLE)					\
  do									\
    {									\
      struct pollfd pfd_ = { .fd = (FD), .events = POLLIN };		\
      while (!corpus_stop)						\
	{								\
	  if (poll (&pfd_, 1, -1) <= 0 || !(pfd_.revents & POLLIN))	\
	    continue;							\
	  char buf_[256];						\
	  struct sockaddr_in peer_;					\
	  socklen_t peer_len_ = sizeof peer_;				\
	  ssize_t n_ = recvfrom ((FD), buf_, sizeof buf_, 0,		\
				 (struct sockaddr *) &peer_, &peer_len_); \
	  if (n_ < 0)							\
	    continue;							\
	  char out_[256];						\
	  long len_ = HANDLE (buf_, (size_t) n_, out_);			\
	  if (len_ >= 0)						\
	    sendto ((FD), out_, (size_t) len_, 0,			\
		    (struct sockaddr *) &peer_, peer_len_);		\
	}								\
    }									\
  while (0)

#endif /* CORPUS_SERVER_H */
