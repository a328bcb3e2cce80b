#include "concord/common/digest.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <stdexcept>

#include "concord/common/error.hpp"

namespace concord {

namespace {
std::string to_hex(const unsigned char* md, unsigned len) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(2 * static_cast<std::size_t>(len), '0');
  for (unsigned i = 0; i < len; ++i) {
    out[2 * i] = kHex[md[i] >> 4];
    out[2 * i + 1] = kHex[md[i] & 0xF];
  }
  return out;
}
}  // namespace

struct Digest::Ctx {
  EVP_MD_CTX* md = nullptr;
  ~Ctx() { EVP_MD_CTX_free(md); }
};

Digest::Digest() : ctx_(std::make_unique<Ctx>()) {
  ctx_->md = EVP_MD_CTX_new();
  if (ctx_->md == nullptr || EVP_DigestInit_ex(ctx_->md, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 is not available from OpenSSL's libcrypto");
  }
}

Digest::~Digest() = default;

Digest& Digest::bytes(std::string_view data) {
  if (!data.empty()) EVP_DigestUpdate(ctx_->md, data.data(), data.size());
  return *this;
}

namespace {
std::array<char, 8> le64(std::uint64_t v) {
  std::array<char, 8> b{};
  for (int i = 0; i < 8; ++i) b[static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
  return b;
}
}  // namespace

Digest& Digest::field(std::string_view name, std::string_view value) {
  const auto n = le64(name.size());
  bytes(std::string_view(n.data(), n.size()));
  bytes(name);
  const auto v = le64(value.size());
  bytes(std::string_view(v.data(), v.size()));
  return bytes(value);
}

Digest& Digest::field(std::string_view name, std::uint64_t value) {
  const auto b = le64(value);
  return field(name, std::string_view(b.data(), b.size()));
}

std::string Digest::hex() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_DigestFinal_ex(ctx_->md, md, &len);
  return to_hex(md, len);
}

std::string content_digest(std::string_view bytes) { return Digest().bytes(bytes).hex(); }

std::string file_digest(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(Location{file.string(), 0, 0, ""}, "cannot read the file to compute its digest");
  Digest d;
  std::array<char, 1 << 16> buf{};
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    d.bytes(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) throw InputError(Location{file.string(), 0, 0, ""}, "read error while computing the file's digest");
  return d.hex();
}

}  // namespace concord
