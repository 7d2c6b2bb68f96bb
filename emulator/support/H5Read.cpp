//===- H5Read.cpp - Read numeric and string datasets ----------------------===//
#include "H5Internal.h"

#include <unistd.h>

namespace nmc::h5 {

bool inspect(hid_t dataset, Info &out, std::string &error) {
  Datatype type(H5Dget_type(dataset));
  Dataspace space(H5Dget_space(dataset));
  if (!type || !space) {
    error = pathOf(dataset) + ": unreadable dataset";
    return false;
  }
  detail::classify(type.get(), out);
  std::string why;
  if (!detail::describeSpace(space.get(), out, why)) {
    error = pathOf(dataset) + ": " + why;
    return false;
  }
  // A corrupt or hostile header can declare billions of elements in a tiny
  // file; refuse before allocating. gzip cannot compress beyond ~1032:1, so
  // more data than 1100x its storage is not a real dataset (compact and
  // contiguous layouts store every byte). A variable-length string stores
  // a 16-byte global heap reference per element.
  const double elementBytes = out.vlenString ? 16.0 : double(out.size);
  const double bytes = double(out.count) * elementBytes;
  if (bytes > double(1 << 20)) {
    const double stored = double(H5Dget_storage_size(dataset));
    if (bytes > 1100.0 * stored) {
      error = pathOf(dataset) + ": declares " + std::to_string(out.count) +
              " elements (" + std::to_string(int64_t(bytes)) + " bytes) in " +
              std::to_string(int64_t(stored)) +
              " bytes of storage; the file is corrupt";
      return false;
    }
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && page > 0 && bytes > 0.75 * double(pages) * double(page)) {
      error = pathOf(dataset) + ": " + std::to_string(int64_t(bytes)) +
              " bytes of data do not fit in this machine's memory";
      return false;
    }
  }
  return true;
}

/// Reads a numeric dataset into `out` (resized) as `memType`.
template <typename T>
static bool readNumeric(hid_t dataset, hid_t memType, bool allowFloat,
                        std::vector<T> &out, std::string &error) {
  Info info;
  if (!inspect(dataset, info, error))
    return false;
  bool ok = info.cls == Info::Class::Int || info.cls == Info::Class::Bool ||
            (allowFloat && info.cls == Info::Class::Float);
  if (!ok) {
    error = pathOf(dataset) + (allowFloat ? ": expected a numeric dataset"
                                          : ": expected an integer dataset");
    return false;
  }
  out.assign(size_t(info.count), T());
  if (info.count == 0)
    return true;
  auto read = [&](hid_t mem, void *buf) {
    return H5Dread(dataset, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
  };
  Datatype type(H5Dget_type(dataset));
  if (info.cls != Info::Class::Bool)
    switch (detail::readDirect(dataset, memType, out.data(),
                               out.size() * sizeof(T))) {
    case detail::DirectRead::Done:
      return true;
    case detail::DirectRead::NotApplicable:
      break;
    case detail::DirectRead::Failed:
      error = pathOf(dataset) + ": cannot read data (corrupt compressed "
                                "chunk)";
      return false;
    }
  bool done = info.cls == Info::Class::Bool
                  ? detail::readEnumData(type.get(), info.count, memType, read,
                                         out.data())
                  : read(memType, out.data()) >= 0;
  if (!done)
    error = pathOf(dataset) + ": cannot read data (corrupt file or missing "
                              "compression filter?)";
  return done;
}

bool readDoubles(hid_t dataset, std::vector<double> &out, std::string &error) {
  return readNumeric(dataset, H5T_NATIVE_DOUBLE, true, out, error);
}

bool readInt64s(hid_t dataset, std::vector<int64_t> &out, std::string &error) {
  return readNumeric(dataset, H5T_NATIVE_INT64, false, out, error);
}

/// Reads into a new vector<T> and wraps it in `out` (no widening).
template <typename T, typename Array>
static bool readInto(hid_t dataset, hid_t memType, bool allowFloat, Array &out,
                     std::string &error) {
  std::vector<T> values;
  if (!readNumeric(dataset, memType, allowFloat, values, error))
    return false;
  out = Array::owning(std::move(values));
  return true;
}

bool readArray(hid_t dataset, FloatArray &out, std::string &error) {
  Info info;
  if (!inspect(dataset, info, error))
    return false;
  if (info.cls == Info::Class::Float && info.size <= 4)
    return readInto<float>(dataset, H5T_NATIVE_FLOAT, true, out, error);
  return readInto<double>(dataset, H5T_NATIVE_DOUBLE, true, out, error);
}

bool readArray(hid_t dataset, IntArray &out, std::string &error) {
  Info info;
  if (!inspect(dataset, info, error))
    return false;
  // The narrowest signed type holding every value of the stored type.
  size_t bytes = info.isSigned ? info.size : info.size + 1;
  if (bytes <= 2)
    return readInto<int16_t>(dataset, H5T_NATIVE_INT16, false, out, error);
  if (bytes <= 4)
    return readInto<int32_t>(dataset, H5T_NATIVE_INT32, false, out, error);
  return readInto<int64_t>(dataset, H5T_NATIVE_INT64, false, out, error);
}

bool readStrings(hid_t dataset, std::vector<std::string> &out,
                 std::string &error) {
  Info info;
  if (!inspect(dataset, info, error))
    return false;
  if (info.cls != Info::Class::String) {
    error = pathOf(dataset) + ": expected a string dataset";
    return false;
  }
  Datatype type(H5Dget_type(dataset));
  auto read = [&](hid_t mem, void *buf) {
    return H5Dread(dataset, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
  };
  if (!detail::readStringData(type.get(), info.count, read, out)) {
    error = pathOf(dataset) + ": cannot read strings";
    return false;
  }
  return true;
}

bool readString(hid_t loc, const std::string &name, std::string &out,
                std::string &error) {
  Dataset ds = openDataset(loc, name, error);
  if (!ds)
    return false;
  std::vector<std::string> values;
  if (!readStrings(ds.get(), values, error))
    return false;
  if (values.size() != 1) {
    error = pathOf(ds.get()) + ": expected one string, got " +
            std::to_string(values.size());
    return false;
  }
  out = std::move(values.front());
  return true;
}

} // namespace nmc::h5
