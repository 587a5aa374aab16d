import java.net.URI;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * For bench/batch-hdfs.sh (run with java's source launcher on Spark's Hadoop client jars and
 * hadoop-client-minicluster): a real HDFS (a NameNode and a DataNode in this JVM, Hadoop's
 * MiniDFSCluster) on 127.0.0.1, and copying folders in and out through the FileSystem API.
 *   serve <base folder> <port> <local folder> <hdfs path>   starts, copies the folder in, prints "ready", runs until killed
 *   get <hdfs uri> <local folder>                            copies a folder out
 */
public class MiniHdfs {
    public static void main(String[] a) throws Exception {
        if (a[0].equals("serve")) {
            Configuration c = new Configuration();
            c.set("hdfs.minidfs.basedir", a[1]);
            MiniDFSCluster cluster = new MiniDFSCluster.Builder(c).nameNodePort(Integer.parseInt(a[2])).numDataNodes(1)
                    .build();
            cluster.waitActive();
            FileSystem fs = cluster.getFileSystem();
            fs.mkdirs(new Path(a[4]).getParent());
            fs.copyFromLocalFile(new Path(a[3]), new Path(a[4]));
            System.out.println("ready: hdfs://127.0.0.1:" + cluster.getNameNodePort() + a[4]);
            Thread.sleep(Long.MAX_VALUE);
        } else {
            FileSystem fs = FileSystem.get(URI.create(a[1]), new Configuration());
            fs.copyToLocalFile(false, new Path(a[1]), new Path(a[2]), true);
        }
    }
}
