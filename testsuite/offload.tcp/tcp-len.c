/* A length-prefixed TCP server around epoll: each message is a two-byte
   big-endian length and that many bytes, gathered per connection in a
   buffer indexed by the descriptor, whatever the segments the bytes
   arrive in.  The first byte of a message is the operation: 'E' echoes
   the rest, 'R' reverses it, 'S' answers the sum of its bytes in
   decimal, 'N' the number of messages the connection has sent; others
   get "?".  Replies are framed the same way.  A message longer than the
   buffer closes the connection.  Usage: tcp-len PORT.  */

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
#define MSG_MAX 60

struct conn
{
  unsigned char have;		/* Bytes of the message so far.  */
  unsigned char messages;
  unsigned char bad;		/* An oversized message: close.  */
  unsigned char msg[MSG_MAX + 2];
};

static struct conn conns[MAX_FDS];

/* The reply to the message BODY (LEN bytes) of connection C, in OUT;
   its length.  */
static unsigned
handle_message (struct conn *c, const unsigned char *body, unsigned len,
		unsigned char *out)
{
  unsigned n = 0;
  c->messages++;
  if (len == 0)
    return 0;
  switch (body[0])
    {
    case 'E':
      memcpy (out, body + 1, len - 1);
      return len - 1;
    case 'R':
      for (unsigned i = len - 1; i > 0; i--)
	out[n++] = body[i];
      return n;
    case 'S':
      {
	unsigned sum = 0;
	for (unsigned i = 1; i < len; i++)
	  sum += body[i];
	char digits[12];
	unsigned d = 0;
	do
	  {
	    digits[d++] = '0' + sum % 10;
	    sum /= 10;
	  }
	while (sum && d < sizeof digits);
	while (d)
	  out[n++] = digits[--d];
	return n;
      }
    case 'N':
      out[0] = '0' + c->messages / 100 % 10;
      out[1] = '0' + c->messages / 10 % 10;
      out[2] = '0' + c->messages % 10;
      return 3;
    default:
      out[0] = '?';
      return 1;
    }
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
  unsigned char buf[256];
  unsigned char reply[MSG_MAX + 8];
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
		  conns[cfd].have = 0;
		  conns[cfd].messages = 0;
		  conns[cfd].bad = 0;
		  ev.events = EPOLLIN;
		  ev.data.fd = cfd;
		  epoll_ctl (ep, EPOLL_CTL_ADD, cfd, &ev);
		}
	      continue;
	    }
	  ssize_t n = read (fd, buf, sizeof buf);
	  if (n <= 0 || fd < 0 || fd >= MAX_FDS)
	    {
	      epoll_ctl (ep, EPOLL_CTL_DEL, fd, NULL);
	      close (fd);
	      continue;
	    }
	  struct conn *c = &conns[fd];
	  for (ssize_t i = 0; i < n; i++)
	    {
	      c->msg[c->have++] = buf[i];
	      if (c->have < 2)
		continue;
	      unsigned len = (c->msg[0] << 8) | c->msg[1];
	      if (len > MSG_MAX)
		{
		  c->bad = 1;
		  break;
		}
	      if (c->have == len + 2)
		{
		  unsigned r = handle_message (c, c->msg + 2, len, reply + 2);
		  reply[0] = r >> 8;
		  reply[1] = r & 0xff;
		  write (fd, reply, r + 2);
		  c->have = 0;
		}
	    }
	  if (c->bad)
	    {
	      epoll_ctl (ep, EPOLL_CTL_DEL, fd, NULL);
	      close (fd);
	    }
	}
    }
}
