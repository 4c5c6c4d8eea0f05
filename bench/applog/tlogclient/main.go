// Command tlogclient is an independent client of the AppLog transparency log, built only from Go's
// golang.org/x/mod/sumdb/note and sumdb/tlog (Debian's golang-golang-x-mod-dev, GOPATH mode, offline).
// It verifies the served checkpoint's signed note with the log's verifier key, rebuilds the root from
// the served tlog-tiles (every tile checked against the signed root), proves every entry of the entry
// bundles included, and, given an older checkpoint, proves the two consistent.
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run main.go -log http://host/applog [-old old-checkpoint]
package main

import (
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func main() {
	logURL := flag.String("log", "", "the log's URL prefix, e.g. http://127.0.0.1:8080/applog")
	old := flag.String("old", "", "an older checkpoint file to prove consistency with")
	flag.Parse()
	if err := run(*logURL, *old); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL:", err)
		os.Exit(1)
	}
}

func get(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return body, nil
}

// checkpoint opens a C2SP tlog-checkpoint note signed by the log's key.
func checkpoint(msg []byte, verifier note.Verifier) (string, tlog.Tree, error) {
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		return "", tlog.Tree{}, fmt.Errorf("checkpoint signature: %w", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 {
		return "", tlog.Tree{}, errors.New("checkpoint: expected origin, size and root lines")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 {
		return "", tlog.Tree{}, fmt.Errorf("checkpoint size %q", lines[1])
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return "", tlog.Tree{}, fmt.Errorf("checkpoint root %q", lines[2])
	}
	var h tlog.Hash
	copy(h[:], root)
	return lines[0], tlog.Tree{N: size, Hash: h}, nil
}

// tilePath is the C2SP tlog-tiles path (no height element, unlike sumdb's tile/8/...).
func tilePath(level string, n int64, w int) string {
	s := fmt.Sprintf("%03d", n%1000)
	for n /= 1000; n > 0; n /= 1000 {
		s = fmt.Sprintf("x%03d/%s", n%1000, s)
	}
	p := "tile/" + level + "/" + s
	if w < 256 {
		p += ".p/" + strconv.Itoa(w)
	}
	return p
}

type tiles struct{ base string }

func (t tiles) Height() int { return 8 }

func (t tiles) ReadTiles(ts []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(ts))
	for i, tile := range ts {
		if tile.H != 8 {
			return nil, fmt.Errorf("tile height %d", tile.H)
		}
		data, err := get(t.base + "/" + tilePath(strconv.Itoa(tile.L), tile.N, tile.W))
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

func (t tiles) SaveTiles([]tlog.Tile, [][]byte) {}

func run(base, oldFile string) error {
	base = strings.TrimSuffix(base, "/")
	vkey, err := get(base + "/vkey")
	if err != nil {
		return err
	}
	verifier, err := note.NewVerifier(strings.TrimSpace(string(vkey)))
	if err != nil {
		return fmt.Errorf("vkey: %w", err)
	}
	msg, err := get(base + "/checkpoint")
	if err != nil {
		return err
	}
	origin, tree, err := checkpoint(msg, verifier)
	if err != nil {
		return err
	}
	if origin != verifier.Name() {
		return fmt.Errorf("origin %q is not the key's name %q", origin, verifier.Name())
	}
	hashes := tlog.TileHashReader(tree, tiles{base})
	root, err := tlog.TreeHash(tree.N, hashes)
	if err != nil {
		return fmt.Errorf("rebuilding the root from the tiles: %w", err)
	}
	if root != tree.Hash {
		return fmt.Errorf("tiles give root %v, the checkpoint signs %v", root, tree.Hash)
	}
	var proven int64
	for bundle := int64(0); bundle*256 < tree.N; bundle++ {
		w := int(tree.N - bundle*256)
		if w > 256 {
			w = 256
		}
		data, err := get(base + "/" + tilePath("entries", bundle, w))
		if err != nil {
			return err
		}
		for k := 0; k < w; k++ {
			if len(data) < 2 {
				return fmt.Errorf("entry bundle %d ends before entry %d", bundle, k)
			}
			size := int(data[0])<<8 | int(data[1])
			if len(data) < 2+size {
				return fmt.Errorf("entry bundle %d: entry %d is cut short", bundle, k)
			}
			entry := data[2 : 2+size]
			data = data[2+size:]
			index := bundle*256 + int64(k)
			proof, err := tlog.ProveRecord(tree.N, index, hashes)
			if err != nil {
				return fmt.Errorf("proving entry %d: %w", index, err)
			}
			if err := tlog.CheckRecord(proof, tree.N, tree.Hash, index, tlog.RecordHash(entry)); err != nil {
				return fmt.Errorf("entry %d: %w", index, err)
			}
			proven++
		}
		if len(data) != 0 {
			return fmt.Errorf("entry bundle %d has %d bytes after its %d entries", bundle, len(data), w)
		}
	}
	fmt.Printf("checkpoint %s size %d root %s: signature verified, root rebuilt from tiles, %d entries proven included\n",
		origin, tree.N, base64.StdEncoding.EncodeToString(tree.Hash[:]), proven)
	if oldFile != "" {
		oldMsg, err := os.ReadFile(oldFile)
		if err != nil {
			return err
		}
		_, oldTree, err := checkpoint(oldMsg, verifier)
		if err != nil {
			return fmt.Errorf("old %w", err)
		}
		proof, err := tlog.ProveTree(tree.N, oldTree.N, hashes)
		if err != nil {
			return fmt.Errorf("proving consistency: %w", err)
		}
		if err := tlog.CheckTree(proof, tree.N, tree.Hash, oldTree.N, oldTree.Hash); err != nil {
			return fmt.Errorf("consistency with size %d: %w", oldTree.N, err)
		}
		fmt.Printf("consistent with the older checkpoint of size %d\n", oldTree.N)
	}
	return nil
}
