#!/usr/bin/env bash
# Install the Debian packages the PDF book needs (make pdf), if they are missing.
#
#   texlive-xetex texlive-latex-extra latexmk   xelatex, the Sphinx LaTeX packages, latexmk
#   texlive-fonts-recommended                   standard fonts used by Sphinx's LaTeX style
#   texlive-lang-cjk texlive-lang-chinese       xeCJK and the ctexhook.sty it loads, for the Chinese terms
#   fonts-freefont-otf                          FreeSerif/FreeSans/FreeMono, Sphinx's xelatex fonts
#   fonts-noto-cjk                              Noto Serif/Sans CJK SC for the Chinese terms
#   poppler-utils                               pdftoppm/pdfinfo, to look at and check the PDF
#
# Idempotent: when every tool, LaTeX package and font is already present it does nothing.
# Needs root (or sudo) only when something has to be installed.
set -euo pipefail

PACKAGES=(texlive-xetex texlive-latex-extra latexmk texlive-fonts-recommended texlive-lang-cjk texlive-lang-chinese
          fonts-freefont-otf fonts-noto-cjk poppler-utils)

have_all() {
    command -v xelatex >/dev/null && command -v latexmk >/dev/null && command -v makeindex >/dev/null \
        && command -v pdftoppm >/dev/null && command -v kpsewhich >/dev/null && command -v fc-list >/dev/null || return 1
    local sty
    for sty in fontspec.sty polyglossia.sty fncychap.sty tabulary.sty capt-of.sty needspace.sty \
               wrapfig.sty framed.sty upquote.sty xeCJK.sty ctexhook.sty; do
        kpsewhich "$sty" >/dev/null || return 1
    done
    fc-list 'FreeSerif' | grep -q . && fc-list 'Noto Serif CJK SC' | grep -q . && fc-list 'Noto Sans CJK SC' | grep -q .
}

. "$(dirname "$0")/apt-ensure.sh"
apt_ensure install-latex "xelatex, its LaTeX packages and fonts"
