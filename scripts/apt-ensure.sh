# Sourced by the install-*.sh scripts: apt_ensure NAME WHAT_IS_PRESENT
# installs ${PACKAGES[@]} with apt unless have_all (defined by the caller) already succeeds,
# then checks have_all again. Needs root (or sudo) only when something has to be installed.

apt_ensure() {
    local name=$1 present=$2
    if have_all; then
        echo "$name: $present already present"
        return 0
    fi
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "$name: need root or sudo to install: ${PACKAGES[*]}" >&2; return 1; }
        sudo="sudo"
    fi
    echo "$name: installing ${PACKAGES[*]}"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"
    have_all || { echo "$name: packages installed but $present still missing" >&2; return 1; }
}
