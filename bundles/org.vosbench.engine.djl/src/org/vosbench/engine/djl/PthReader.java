package org.vosbench.engine.djl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import org.vosbench.core.InvalidInputException;

/**
 * Reads a PyTorch checkpoint written by {@code torch.save} (zip format: {@code <prefix>/data.pkl}
 * plus one raw little-endian storage per tensor in {@code <prefix>/data/<key>}) without Python.
 * Accepts a plain state_dict and a checkpoint that nests one (under {@code network},
 * {@code state_dict} or {@code model}); strips a DataParallel {@code module.} prefix.
 */
public final class PthReader {

    /** Keys under which training checkpoints nest the state_dict (STCN saves {@code network}). */
    private static final List<String> NESTING_KEYS = List.of("network", "state_dict", "model", "net");

    private PthReader() {
    }

    /**
     * A tensor of the checkpoint.
     *
     * @param name the state_dict key
     * @param shape its shape
     * @param dtype PyTorch storage type without "Storage" ({@code Float}, {@code Long}, ...)
     * @param data the values as float32 for floating-point tensors, null for integer ones
     */
    public record Tensor(String name, long[] shape, String dtype, float[] data) {

        /** @return the shape as PyTorch prints it, e.g. {@code [64, 3, 7, 7]} */
        public String shapeText() {
            return Arrays.toString(shape);
        }
    }

    private record StorageType(String name) {
    }

    private record StorageRef(String key, String dtype, long numel) {
    }

    private record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {
    }

    /** A collections.Counter as unpickled (a dict of counts), before {@link #read} turns it into a {@link Counter}. */
    private static final class CounterDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    /** An OrderedDict; BUILD with its {@code _metadata} is ignored. */
    private static final class OrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param file a {@code .pth} file
     * @return the state_dict's tensors by key, in file order
     * @throws InvalidInputException when the file is missing, not a PyTorch zip checkpoint,
     *         truncated, or holds no state_dict; the message names the file
     */
    public static Map<String, Tensor> readStateDict(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "weights file not found");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pickle = pickleEntry(file, zip);
            String prefix = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            Object root = unpickle(file, zip, pickle);
            Map<?, ?> dict = stateDict(file, root);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            boolean allModule = dict.keySet().stream().allMatch(k -> k.toString().startsWith("module."));
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                String name = e.getKey().toString();
                if (allModule) {
                    name = name.substring("module.".length());
                }
                if (!(e.getValue() instanceof TensorRef ref)) {
                    throw new InvalidInputException(file, "entry '" + name + "' of the state_dict is not a tensor");
                }
                tensors.put(name, read(file, zip, prefix, name, ref));
            }
            return tensors;
        } catch (ZipException e) {
            throw notAZip(file, e);
        }
    }

    /**
     * A tensor of any checkpoint object, its values read in full precision.
     *
     * @param dtype PyTorch storage type without "Storage" ({@code Float}, {@code Double}, {@code Long}, ...)
     * @param shape its shape ({@code []} for a scalar)
     * @param values the values in C order as doubles (exact for float32, float64, and integers below 2^53)
     */
    public record Array(String dtype, long[] shape, double[] values) {
    }

    /** A {@code collections.Counter} (e.g. a {@code MultiStepLR}'s milestones): its counts by key. */
    public record Counter(Map<Object, Object> counts) {
    }

    /**
     * Reads a whole {@code torch.save} file (a training checkpoint with optimizer and scheduler
     * state, say) as plain values: {@link Map} (dict and OrderedDict, in file order),
     * {@link List} (list), {@code Object[]} (tuple), {@link Array} (tensor), {@link Counter},
     * String, Integer, Long, Double, Boolean and null.
     *
     * @param file a {@code .pth} file
     * @return its root object
     * @throws InvalidInputException when the file is missing, not a PyTorch zip checkpoint, or truncated
     */
    public static Object read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "checkpoint file not found");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pickle = pickleEntry(file, zip);
            String prefix = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            Object root = unpickle(file, zip, pickle);
            return resolve(file, zip, prefix, root, "");
        } catch (ZipException e) {
            throw notAZip(file, e);
        }
    }

    private static Object resolve(Path file, ZipFile zip, String prefix, Object o, String path) throws IOException {
        if (o instanceof TensorRef ref) {
            return readArray(file, zip, prefix, path, ref);
        }
        if (o instanceof CounterDict c) {
            return new Counter(c);
        }
        if (o instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                result.put(e.getKey(), resolve(file, zip, prefix, e.getValue(), path + "/" + e.getKey()));
            }
            return result;
        }
        if (o instanceof List<?> list) {
            List<Object> result = new java.util.ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                result.add(resolve(file, zip, prefix, list.get(i), path + "/" + i));
            }
            return result;
        }
        if (o instanceof Object[] tuple) {
            Object[] result = new Object[tuple.length];
            for (int i = 0; i < tuple.length; i++) {
                result[i] = resolve(file, zip, prefix, tuple[i], path + "/" + i);
            }
            return result;
        }
        return o;
    }

    private static Array readArray(Path file, ZipFile zip, String prefix, String name, TensorRef ref) throws IOException {
        String dtype = ref.storage().dtype();
        int elementSize = elementSize(file, name, dtype);
        ByteBuffer buffer = ByteBuffer.wrap(storage(file, zip, prefix, name, ref)).order(ByteOrder.LITTLE_ENDIAN);
        long storageElements = buffer.capacity() / elementSize;
        long numel = 1;
        for (long d : ref.size()) {
            numel *= d;
        }
        double[] values = new double[Math.toIntExact(numel)];
        if ((dtype.equals("Float") || dtype.equals("Double")) && isContiguous(ref)) {
            if (ref.offset() + numel > storageElements) {
                throw new InvalidInputException(file, "tensor '" + name + "' reaches past its storage (" + storageElements
                        + " elements): truncated file?");
            }
            buffer.position((int) (ref.offset() * elementSize));
            if (dtype.equals("Double")) {
                buffer.asDoubleBuffer().get(values);
            } else {
                java.nio.FloatBuffer floats = buffer.asFloatBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = floats.get(i);
                }
            }
            return new Array(dtype, ref.size(), values);
        }
        long[] index = new long[ref.size().length];
        for (int i = 0; i < values.length; i++) {
            long position = ref.offset();
            for (int d = 0; d < index.length; d++) {
                position += index[d] * ref.stride()[d];
            }
            if (position >= storageElements) {
                throw new InvalidInputException(file, "tensor '" + name + "' reaches past its storage (" + storageElements
                        + " elements): truncated file?");
            }
            int at = (int) (position * elementSize);
            values[i] = switch (dtype) {
                case "Float" -> buffer.getFloat(at);
                case "Double" -> buffer.getDouble(at);
                case "Half" -> Float.float16ToFloat(buffer.getShort(at));
                case "BFloat16" -> Float.intBitsToFloat((buffer.getShort(at) & 0xFFFF) << 16);
                case "Long" -> buffer.getLong(at);
                case "Int" -> buffer.getInt(at);
                case "Short" -> buffer.getShort(at);
                case "Char" -> buffer.get(at);
                default -> buffer.get(at) & 0xFF; // Byte, Bool
            };
            for (int d = index.length - 1; d >= 0; d--) {
                if (++index[d] < ref.size()[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return new Array(dtype, ref.size(), values);
    }

    private static int elementSize(Path file, String name, String dtype) throws InvalidInputException {
        return switch (dtype) {
            case "Float", "Int" -> 4;
            case "Double", "Long" -> 8;
            case "Half", "BFloat16", "Short" -> 2;
            case "Byte", "Char", "Bool" -> 1;
            default -> throw new InvalidInputException(file, "tensor '" + name + "' has unsupported type " + dtype);
        };
    }

    private static byte[] storage(Path file, ZipFile zip, String prefix, String name, TensorRef ref) throws IOException {
        String entryName = prefix + "data/" + ref.storage().key();
        ZipEntry entry = zip.getEntry(entryName);
        if (entry == null) {
            throw new InvalidInputException(file, "tensor '" + name + "': storage " + entryName + " is missing");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (ZipException e) {
            throw new InvalidInputException(file, "tensor '" + name + "': storage " + entryName
                    + " cannot be read (truncated file?): " + e.getMessage(), e);
        }
    }

    /** @return the root object of the checkpoint's pickle */
    private static Object unpickle(Path file, ZipFile zip, ZipEntry pickle) throws IOException {
        try (InputStream in = zip.getInputStream(pickle)) {
            return new TorchUnpickler().load(in);
        } catch (PickleException | ClassCastException e) {
            throw new InvalidInputException(file, "cannot read the checkpoint's pickle: " + e.getMessage(), e);
        }
    }

    private static InvalidInputException notAZip(Path file, ZipException e) {
        return new InvalidInputException(file, "not a PyTorch checkpoint (expected the zip format of torch.save; "
                + "the file is not a zip archive or is truncated): " + e.getMessage(), e);
    }

    private static ZipEntry pickleEntry(Path file, ZipFile zip) throws InvalidInputException {
        return zip.stream().filter(e -> e.getName().endsWith("data.pkl"))
                .min((a, b) -> Integer.compare(a.getName().length(), b.getName().length()))
                .orElseThrow(() -> new InvalidInputException(file, "not a PyTorch checkpoint: the zip file has no data.pkl"));
    }

    private static Map<?, ?> stateDict(Path file, Object root) throws InvalidInputException {
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidInputException(file, "the checkpoint holds a " + typeName(root) + ", not a state_dict");
        }
        if (!map.isEmpty() && map.values().stream().allMatch(v -> v instanceof TensorRef)) {
            return map;
        }
        for (String key : NESTING_KEYS) {
            if (map.get(key) instanceof Map<?, ?> nested && !nested.isEmpty()
                    && nested.values().stream().allMatch(v -> v instanceof TensorRef)) {
                return nested;
            }
        }
        throw new InvalidInputException(file, "no state_dict found: the checkpoint's top level has keys "
                + map.keySet() + " and none of " + NESTING_KEYS + " holds a dictionary of tensors");
    }

    private static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    private static Tensor read(Path file, ZipFile zip, String prefix, String name, TensorRef ref) throws IOException {
        long numel = 1;
        for (long d : ref.size()) {
            numel *= d;
        }
        String dtype = ref.storage().dtype();
        int elementSize = elementSize(file, name, dtype);
        boolean floating = switch (dtype) {
            case "Float", "Double", "Half", "BFloat16" -> true;
            default -> false;
        };
        if (!floating) {
            return new Tensor(name, ref.size(), dtype, null);
        }
        byte[] bytes = storage(file, zip, prefix, name, ref);
        long storageElements = bytes.length / elementSize;
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] data = new float[Math.toIntExact(numel)];
        if (dtype.equals("Float") && isContiguous(ref)) {
            if (ref.offset() + numel > storageElements) {
                throw new InvalidInputException(file, "tensor '" + name + "' reaches past its storage (" + storageElements
                        + " elements): truncated file?");
            }
            buffer.position((int) (ref.offset() * 4));
            buffer.asFloatBuffer().get(data);
            return new Tensor(name, ref.size(), dtype, data);
        }
        long[] index = new long[ref.size().length];
        for (int i = 0; i < data.length; i++) {
            long position = ref.offset();
            for (int d = 0; d < index.length; d++) {
                position += index[d] * ref.stride()[d];
            }
            if (position >= storageElements) {
                throw new InvalidInputException(file, "tensor '" + name + "' reaches past its storage (" + storageElements
                        + " elements): truncated file?");
            }
            data[i] = switch (dtype) {
                case "Float" -> buffer.getFloat((int) (position * 4));
                case "Double" -> (float) buffer.getDouble((int) (position * 8));
                case "Half" -> Float.float16ToFloat(buffer.getShort((int) (position * 2)));
                default -> Float.intBitsToFloat((buffer.getShort((int) (position * 2)) & 0xFFFF) << 16); // BFloat16
            };
            for (int d = index.length - 1; d >= 0; d--) {
                if (++index[d] < ref.size()[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return new Tensor(name, ref.size(), dtype, data);
    }

    private static boolean isContiguous(TensorRef ref) {
        long expected = 1;
        for (int d = ref.size().length - 1; d >= 0; d--) {
            if (ref.size()[d] != 1 && ref.stride()[d] != expected) {
                return false;
            }
            expected *= ref.size()[d];
        }
        return true;
    }

    /** Pyrolite with the constructors torch's pickles need, without touching its global registry. */
    private static final class TorchUnpickler extends Unpickler {

        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            if (key == Opcodes.GLOBAL) {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(constructor(module, name));
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.STACK_GLOBAL) {
                String name = (String) stack.pop();
                String module = (String) stack.pop();
                stack.add(constructor(module, name));
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.EMPTY_DICT) {
                // a plain dict (e.g. a training checkpoint nesting the state_dict) keeps its key order,
                // as Python's dict does; Pyrolite would make a HashMap
                stack.add(new LinkedHashMap<Object, Object>());
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.SETITEMS) {
                // in file order: Pyrolite gathers the items in a HashMap first, which loses it
                List<Object> items = stack.pop_all_since_marker();
                @SuppressWarnings("unchecked")
                Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    dict.put(items.get(i), items.get(i + 1));
                }
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.BUILD && buildsOrderedDict()) {
                stack.pop(); // OrderedDict._metadata (versions of modules): not needed
                return NO_RETURN_VALUE;
            }
            return super.dispatch(key);
        }

        private boolean buildsOrderedDict() {
            Object state = stack.pop();
            Object target = stack.peek();
            stack.add(state);
            return target instanceof OrderedDict;
        }

        private static Object constructor(String module, String name) {
            String qualified = module + "." + name;
            if (qualified.equals("collections.OrderedDict")) {
                return (IObjectConstructor) args -> new OrderedDict();
            }
            if (qualified.equals("collections.Counter")) {
                return (IObjectConstructor) args -> {
                    CounterDict counter = new CounterDict();
                    if (args.length > 0 && args[0] instanceof Map<?, ?> counts) {
                        counter.putAll(counts);
                    }
                    return counter;
                };
            }
            if (qualified.equals("torch._utils._rebuild_tensor_v2") || qualified.equals("torch._utils._rebuild_tensor")) {
                return (IObjectConstructor) args -> new TensorRef((StorageRef) args[0], toLong(args[1]),
                        toLongs(args[2]), toLongs(args[3]));
            }
            if (qualified.equals("torch._utils._rebuild_parameter")) {
                return (IObjectConstructor) args -> args[0];
            }
            if (module.equals("torch") && name.endsWith("Storage")) {
                return new StorageType(name.substring(0, name.length() - "Storage".length()));
            }
            return new net.razorvine.pickle.objects.ClassDictConstructor(module, name);
        }

        @Override
        protected Object persistentLoad(Object pid) {
            // ('storage', torch.FloatStorage, '<key>', 'cpu', numel)
            Object[] tuple = (Object[]) pid;
            if (tuple.length < 5 || !"storage".equals(tuple[0]) || !(tuple[1] instanceof StorageType type)) {
                throw new PickleException("unsupported persistent id " + Arrays.toString(tuple));
            }
            return new StorageRef(tuple[2].toString(), type.name(), toLong(tuple[4]));
        }

        private static long toLong(Object o) {
            return ((Number) o).longValue();
        }

        private static long[] toLongs(Object o) {
            Object[] values = (Object[]) o;
            long[] result = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                result[i] = toLong(values[i]);
            }
            return result;
        }
    }
}
