/* A newline-protocol TCP server with a command that only userspace can
   serve: SAVE text writes the text to the server's journal (stdio, a
   file) and keeps it as the connection's note; GET answers the note;
   PING and ECHO text as in tcp-line.c.  A GET right behind a SAVE on
   the same connection must see the SAVE's note, whichever side answers
   it: the order rule for TCP (the manual, "TCP services").  Usage:
   tcp-mixed PORT [JOURNAL].  */

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_FDS 64
#define LINE_MAX_BYTES 32

struct conn
{
  unsigned char len;
  unsigned char note_len;
  char line[LINE_MAX_BYTES];
  char note[30];
};

/* Per connection, by descriptor.  */
static struct conn conns[MAX_FDS];
static FILE *journal;

/* The reply to the line of connection C in OUT; its length.  */
static unsigned
handle_line (struct conn *c, char *out)
{
  const char *line = c->line;
  unsigned len = c->len;
  if (len == 4 && memcmp (line, "PING", 4) == 0)
    {
      memcpy (out, "PONG\n", 5);
      return 5;
    }
  if (len >= 5 && memcmp (line, "ECHO ", 5) == 0)
    {
      memcpy (out, line + 5, len - 5);
      out[len - 5] = '\n';
      return len - 4;
    }
  if (len >= 5 && memcmp (line, "SAVE ", 5) == 0)
    {
      unsigned n = len - 5 < sizeof c->note ? len - 5 : sizeof c->note;
      fprintf (journal, "%.*s\n", (int) n, line + 5);
      fflush (journal);
      memcpy (c->note, line + 5, n);
      c->note_len = n;
      memcpy (out, "SAVED\n", 6);
      return 6;
    }
  if (len == 3 && memcmp (line, "GET", 3) == 0)
    {
      memcpy (out, c->note, c->note_len);
      out[c->note_len] = '\n';
      return c->note_len + 1;
    }
  memcpy (out, "ERR\n", 4);
  return 4;
}

int
main (int argc, char **argv)
{
  int port = argc > 1 ? atoi (argv[1]) : 7000;
  journal = fopen (argc > 2 ? argv[2] : "/dev/null", "a");
  if (!journal)
    {
      perror ("journal");
      return 1;
    }
  int lfd = socket (AF_INET, SOCK_STREAM, 0);
  if (lfd < 0)
    {
      perror ("socket");
      return 1;
    }
  int one = 1;
  setsockopt (lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr;
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_ANY);
  addr.sin_port = htons (port);
  if (bind (lfd, (struct sockaddr *) &addr, sizeof addr) < 0
      || listen (lfd, 64) < 0)
    {
      perror ("bind");
      return 1;
    }

  int ep = epoll_create1 (0);
  struct epoll_event ev, events[16];
  ev.events = EPOLLIN;
  ev.data.fd = lfd;
  if (ep < 0 || epoll_ctl (ep, EPOLL_CTL_ADD, lfd, &ev) < 0)
    {
      perror ("epoll");
      return 1;
    }
  char buf[256];
  char reply[96];
  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("listening on %d\n", port);
  for (;;)
    {
      int nev = epoll_wait (ep, events, 16, -1);
      if (nev < 0 && errno == EINTR)
	continue;
      if (nev < 0)
	{
	  perror ("epoll_wait");
	  return 1;
	}
      for (int k = 0; k < nev; k++)
	{
	  int fd = events[k].data.fd;
	  if (fd == lfd)
	    {
	      int cfd = accept (lfd, NULL, NULL);
	      if (cfd >= MAX_FDS)
		close (cfd);
	      else if (cfd >= 0)
		{
		  conns[cfd].len = 0;
		  conns[cfd].note_len = 0;
		  ev.events = EPOLLIN;
		  ev.data.fd = cfd;
		  epoll_ctl (ep, EPOLL_CTL_ADD, cfd, &ev);
		}
	      continue;
	    }
	  ssize_t n = read (fd, buf, sizeof buf);
	  if (n <= 0)
	    {
	      epoll_ctl (ep, EPOLL_CTL_DEL, fd, NULL);
	      close (fd);
	      continue;
	    }
	  if (fd < 0 || fd >= MAX_FDS)
	    continue;
	  struct conn *c = &conns[fd];
	  for (ssize_t i = 0; i < n; i++)
	    {
	      char ch = buf[i];
	      if (ch == '\n')
		{
		  unsigned len = handle_line (c, reply);
		  write (fd, reply, len);
		  c->len = 0;
		}
	      else if (c->len < LINE_MAX_BYTES)
		c->line[c->len++] = ch;
	    }
	}
    }
}
