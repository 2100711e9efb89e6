/* A newline-protocol TCP server around epoll: each connection's bytes
   are gathered, per connection, into a line buffer indexed by the
   descriptor; every complete line gets one reply on the same
   connection.  Commands: PING, ECHO text, UPPER text, COUNT (lines this
   connection sent so far), TOTAL (lines served over all connections);
   anything else gets an error line.  Lines longer than the buffer are
   cut.  Usage: tcp-line PORT.  */

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
#define LINE_MAX_BYTES 62

struct conn
{
  unsigned char len;
  unsigned char count;		/* Lines served, modulo 256.  */
  char line[LINE_MAX_BYTES];
};

/* Per connection, by descriptor.  */
static struct conn conns[MAX_FDS];
static unsigned long served;

static int
starts_with (const char *line, unsigned len, const char *word)
{
  unsigned n = strlen (word);
  return len >= n && memcmp (line, word, n) == 0;
}

/* Write V in decimal and a newline to OUT; return the length.  */
static unsigned
put_number (unsigned long v, char *out)
{
  char digits[24];
  unsigned d = 0, n = 0;
  do
    {
      digits[d++] = '0' + v % 10;
      v /= 10;
    }
  while (v && d < sizeof digits);
  while (d)
    out[n++] = digits[--d];
  out[n++] = '\n';
  return n;
}

/* The reply to the line of connection C in OUT; its length.  */
static unsigned
handle_line (struct conn *c, char *out)
{
  const char *line = c->line;
  unsigned len = c->len;
  unsigned n = 0;
  served++;
  c->count++;
  if (len == 4 && memcmp (line, "PING", 4) == 0)
    {
      memcpy (out, "PONG\n", 5);
      return 5;
    }
  if (starts_with (line, len, "ECHO "))
    {
      memcpy (out, line + 5, len - 5);
      n = len - 5;
      out[n++] = '\n';
      return n;
    }
  if (starts_with (line, len, "UPPER "))
    {
      for (unsigned i = 6; i < len; i++)
	{
	  char c = line[i];
	  out[n++] = c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
	}
      out[n++] = '\n';
      return n;
    }
  if (len == 5 && memcmp (line, "COUNT", 5) == 0)
    return put_number (c->count, out);
  if (len == 5 && memcmp (line, "TOTAL", 5) == 0)
    return put_number (served, out);
  memcpy (out, "ERR\n", 4);
  return 4;
}

int
main (int argc, char **argv)
{
  int port = argc > 1 ? atoi (argv[1]) : 7000;
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
		  conns[cfd].count = 0;
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
