import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The smallest DJL 0.35.1 program that aborts the JVM on bfloat16 (run by bench/djl-bf16-abort.sh). */
public class Bf16Abort {
    public static void main(String[] args) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray ones = manager.ones(new Shape(2, 2));
            System.out.println("float32 array: sum " + ones.sum().getFloat());
            System.out.println("now " + args[0] + " with DataType.BFLOAT16 ...");
            System.out.flush();
            NDArray bf16 = switch (args[0]) {
                case "toType" -> ones.toType(DataType.BFLOAT16, false);
                case "zeros" -> manager.zeros(new Shape(2, 2), DataType.BFLOAT16);
                default -> throw new IllegalArgumentException(args[0]);
            };
            System.out.println("survived: " + bf16.getShape());
        }
    }
}
