//===- NumArray.h - Numeric arrays kept in their stored type ----*- C++ -*-===//
//
// Big arrays (synaptic weights and indices) travel from the NIR file to the
// engine in the element type the file had: float32 stays 4 bytes, int32
// indices stay 4 bytes. A NumArray holds 1-D data of one of a few element
// types, either owning it or viewing memory kept alive by a shared owner
// (e.g. the MLIR context holding an attribute), so no stage has to copy or
// widen a whole array. Small arrays are read through widening accessors.
//===----------------------------------------------------------------------===//
#ifndef NMC_SUPPORT_NUMARRAY_H
#define NMC_SUPPORT_NUMARRAY_H

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <span>
#include <type_traits>
#include <vector>

namespace nmc {

/// Element type of a NumArray (and of an HDF5 dataset written from it).
enum class DType : uint8_t { F32, F64, I16, I32, I64 };

/// Bytes per element.
inline size_t sizeOf(DType t) {
  return t == DType::I16 ? 2 : t == DType::F32 || t == DType::I32 ? 4 : 8;
}

/// "float32", "int16", ...
inline const char *nameOf(DType t) {
  constexpr const char *names[] = {"float32", "float64", "int16", "int32",
                                   "int64"};
  return names[size_t(t)];
}

template <class T> constexpr DType dtypeOf() {
  if constexpr (std::is_same_v<T, float>)
    return DType::F32;
  else if constexpr (std::is_same_v<T, double>)
    return DType::F64;
  else if constexpr (std::is_same_v<T, int16_t>)
    return DType::I16;
  else if constexpr (std::is_same_v<T, int32_t>)
    return DType::I32;
  else {
    static_assert(std::is_same_v<T, int64_t>, "unsupported element type");
    return DType::I64;
  }
}

/// Immutable 1-D array whose elements widen to `Wide` (double for float
/// arrays, int64_t for integer arrays). Copies share the data.
template <class Wide> class NumArray {
  static_assert(std::is_same_v<Wide, double> || std::is_same_v<Wide, int64_t>);

public:
  NumArray() = default;
  /// Owning, in the wide type (small arrays built in code).
  NumArray(std::vector<Wide> values) { *this = owning(std::move(values)); }
  NumArray(std::initializer_list<Wide> values)
      : NumArray(std::vector<Wide>(values)) {}

  /// Owns `values`, kept in their type T.
  template <class T> static NumArray owning(std::vector<T> values) {
    checkType<T>();
    auto held = std::make_shared<const std::vector<T>>(std::move(values));
    return view(held->data(), held->size(), held);
  }
  /// Views `count` elements at `data`, valid while `owner` lives.
  template <class T>
  static NumArray view(const T *data, size_t count,
                       std::shared_ptr<const void> owner) {
    checkType<T>();
    NumArray a;
    a.type_ = dtypeOf<T>();
    a.data_ = data;
    a.size_ = count;
    a.owner_ = std::move(owner);
    return a;
  }

  DType dtype() const { return type_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  /// The data as T, or nullptr if the array holds another type.
  template <class T> const T *data() const {
    return type_ == dtypeOf<T>() ? static_cast<const T *>(data_) : nullptr;
  }
  const void *rawData() const { return data_; }

  /// Element `k`, widened.
  Wide operator[](size_t k) const {
    return visit([k](auto span) { return Wide(span[k]); });
  }
  /// Element `k`, widened; aborts when out of range.
  Wide at(size_t k) const {
    if (k >= size_)
      std::abort();
    return (*this)[k];
  }
  Wide front() const { return (*this)[0]; }
  Wide back() const { return (*this)[size_ - 1]; }
  /// All elements, widened (a copy; for small arrays).
  std::vector<Wide> values() const {
    return visit(
        [](auto span) { return std::vector<Wide>(span.begin(), span.end()); });
  }
  /// Calls f(std::span<const T>) with the data in its stored type.
  template <class F> decltype(auto) visit(F &&f) const {
    switch (type_) {
    case DType::F32:
      if constexpr (std::is_same_v<Wide, double>)
        return f(span<float>());
      break;
    case DType::I16:
      if constexpr (std::is_same_v<Wide, int64_t>)
        return f(span<int16_t>());
      break;
    case DType::I32:
      if constexpr (std::is_same_v<Wide, int64_t>)
        return f(span<int32_t>());
      break;
    default:
      break;
    }
    return f(span<Wide>());
  }

  /// Widening read-only iteration.
  class iterator {
  public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Wide;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Wide;
    iterator() = default;
    iterator(const NumArray *a, size_t k) : a(a), k(k) {}
    Wide operator*() const { return (*a)[k]; }
    iterator &operator++() {
      ++k;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++k;
      return old;
    }
    bool operator==(const iterator &o) const { return k == o.k; }

  private:
    const NumArray *a = nullptr;
    size_t k = 0;
  };
  iterator begin() const { return iterator(this, 0); }
  iterator end() const { return iterator(this, size_); }

  /// Equal values (whatever the stored types).
  friend bool operator==(const NumArray &a, const NumArray &b) {
    if (a.size() != b.size())
      return false;
    for (size_t k = 0; k < a.size(); ++k)
      if (a[k] != b[k])
        return false;
    return true;
  }
  friend bool operator==(const NumArray &a, const std::vector<Wide> &b) {
    return a == NumArray::view(b.data(), b.size(), nullptr);
  }

private:
  template <class T> static constexpr void checkType() {
    if constexpr (std::is_same_v<Wide, double>)
      static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>,
                    "a float array holds float or double");
    else
      static_assert(std::is_same_v<T, int16_t> || std::is_same_v<T, int32_t> ||
                        std::is_same_v<T, int64_t>,
                    "an integer array holds int16, int32 or int64");
  }
  template <class T> std::span<const T> span() const {
    return {static_cast<const T *>(data_), size_};
  }

  DType type_ = dtypeOf<Wide>();
  const void *data_ = nullptr;
  size_t size_ = 0;
  std::shared_ptr<const void> owner_;
};

using FloatArray = NumArray<double>; ///< float32 or float64 elements
using IntArray = NumArray<int64_t>;  ///< int16, int32 or int64 elements

} // namespace nmc

#endif // NMC_SUPPORT_NUMARRAY_H
