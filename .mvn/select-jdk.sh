# Sourced by ./mvnw, ./coderl and .ci/run: makes JAVA_HOME point at a JDK 21 or newer.
# GraalPy 25 needs Java 21+; the machine's default java may be older (17 here), so we look for one
# rather than fail on a version error deep inside the build.
coderl_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}
coderl_select_jdk() {
  local cand major
  for cand in "${CODERL_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*21* /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/current; do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    major=$(coderl_java_major "$cand")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$cand"
      CODERL_JAVA_MAJOR="${major%%.*}"
      # Maven's own Guice pokes sun.misc.Unsafe; JDK 24+ warns about it on every run.
      if [ "${major%%.*}" -ge 24 ]; then
        case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}";; esac
      fi
      return 0
    fi
  done
  echo "coderl4j: no JDK 21 or newer found (tried CODERL_JAVA_HOME, JAVA_HOME and /usr/lib/jvm)." >&2
  echo "coderl4j: install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}
coderl_select_jdk || exit 1
