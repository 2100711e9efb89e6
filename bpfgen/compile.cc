/* compile.cc -- bpf-gcc, in a scratch directory, with a clean
   environment.  */

#include "plugin/gcc-compat.h"
#include "bpfgen/compile.h"
#include <sys/wait.h>

#ifndef OFFLOAD_BPF_GCC
#define OFFLOAD_BPF_GCC "bpf-gcc"
#endif
#ifndef OFFLOAD_BPF_OBJCOPY
#define OFFLOAD_BPF_OBJCOPY "bpf-objcopy"
#endif

namespace {

bool
write_file (const std::string &path, const void *data, size_t size)
{
  FILE *f = fopen (path.c_str (), "wb");
  if (!f)
    return false;
  bool ok = fwrite (data, 1, size, f) == size;
  return fclose (f) == 0 && ok;
}

bool
read_file (const std::string &path, std::vector<unsigned char> *out)
{
  FILE *f = fopen (path.c_str (), "rb");
  if (!f)
    return false;
  out->clear ();
  unsigned char buf[65536];
  size_t n;
  while ((n = fread (buf, 1, sizeof buf, f)) > 0)
    out->insert (out->end (), buf, buf + n);
  fclose (f);
  return true;
}

/* Run ARGV with only PATH in the environment, stderr to ERR_FILE.
   Return its exit status, or -1.  */
int
run_clean (const char *const *argv, const std::string &err_file)
{
  pid_t pid = fork ();
  if (pid < 0)
    return -1;
  if (pid == 0)
    {
      int fd = open (err_file.c_str (), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (fd >= 0)
	{
	  dup2 (fd, 2);
	  dup2 (fd, 1);
	  close (fd);
	}
      static char path_var[] = "PATH=/usr/local/bin:/usr/bin:/bin";
      char *envp[] = { path_var, NULL };
      execve (argv[0], (char *const *) argv, envp);
      /* A bare name: look it up in PATH ourselves.  */
      for (const char *dir : { "/usr/local/bin/", "/usr/bin/", "/bin/" })
	execve ((std::string (dir) + argv[0]).c_str (), (char *const *) argv,
		envp);
      _exit (127);
    }
  int status;
  while (waitpid (pid, &status, 0) < 0)
    if (errno != EINTR)
      return -1;
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

} // anon namespace

bool
compile_bpf (const std::string &source, const char *save_dir,
	     const std::string &stem, std::vector<unsigned char> *object,
	     std::string *why)
{
  char tmpl[] = "/tmp/offload-bpf-XXXXXX";
  if (!mkdtemp (tmpl))
    {
      *why = std::string ("cannot make a scratch directory: ")
	     + xstrerror (errno);
      return false;
    }
  std::string dir = tmpl;
  std::string src = dir + "/" + stem + ".bpf.c";
  std::string obj = dir + "/" + stem + ".bpf.o";
  std::string err = dir + "/bpf-gcc.log";
  bool ok = write_file (src, source.data (), source.size ());
  if (ok)
    {
      /* -fno-ivopts keeps loops in a shape the verifier can bound;
	 bpf-gcc 12 unrolls by default, which can overrun buffers; -gbtf
	 gives libbpf the map definitions.  -fno-ipa-sra: IPA-SRA drops
	 a return value no caller uses, and the function then exits with
	 whatever R0 held, which the verifier refuses when it is a stack
	 pointer ("cannot return stack pointer to the caller": the corpus's
	 large-function.c with a path cut).  -w: the code is generated.  */
      const char *argv[] = { OFFLOAD_BPF_GCC, "-O2", "-gbtf", "-fno-ivopts",
			     "-fno-unroll-loops", "-fno-unroll-all-loops",
			     "-fno-ipa-sra", "-w", "-c", src.c_str (), "-o",
			     obj.c_str (), NULL };
      int status = run_clean (argv, err);
      if (status == 0)
	{
	  /* bpf-gcc 12 declares the division libcalls global in every unit
	     that divides, even where BPF's own instructions do the work;
	     libbpf takes such a symbol for an extern it must resolve and
	     refuses the object.  Drop them unless a relocation needs one
	     (objcopy then keeps it, and libbpf says what is wrong).  */
	  const char *strip[] = { OFFLOAD_BPF_OBJCOPY,
				  "--strip-symbol=__divdi3",
				  "--strip-symbol=__moddi3",
				  "--strip-symbol=__udivdi3",
				  "--strip-symbol=__umoddi3",
				  obj.c_str (), NULL };
	  run_clean (strip, err);
	}
      ok = status == 0 && read_file (obj, object);
      if (!ok)
	{
	  std::vector<unsigned char> log;
	  read_file (err, &log);
	  *why = std::string (OFFLOAD_BPF_GCC) + " failed (status "
		 + std::to_string (status) + "): "
		 + std::string (log.begin (), log.end ()).substr (0, 2000);
	}
    }
  else
    *why = "cannot write " + src + ": " + xstrerror (errno);
  if (save_dir)
    {
      std::string base = std::string (save_dir) + "/" + stem;
      if (!write_file (base + ".bpf.c", source.data (), source.size ())
	  || (ok && !write_file (base + ".bpf.o", object->data (),
				 object->size ())))
	warning (0, "cannot save the BPF program in %qs: %m", save_dir);
    }
  unlink (src.c_str ());
  unlink (obj.c_str ());
  unlink (err.c_str ());
  rmdir (dir.c_str ());
  return ok;
}
