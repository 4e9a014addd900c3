#!/bin/sh
# gen_pages.sh N DIR - write N small synthetic news pages (Vietnamese text
# with two countries, a CAMEO verb, a date and a quotation each, all
# different) into DIR as 00001.txt ...  Deterministic.  Used by the crash
# and concurrency tests; not a test itself (no test_ prefix).
n=$1; dir=$2
mkdir -p "$dir"
awk -v n="$n" -v dir="$dir" 'BEGIN {
    srand(7)
    nc = split("Mỹ|Trung Quốc|Nga|Nhật Bản|Hàn Quốc|Ấn Độ|Pháp|Đức|Anh|Australia|Việt Nam|Ukraine|Indonesia|Philippines|Thái Lan", C, "|")
    nv = split("ký thỏa thuận hợp tác với|hội đàm với|lên án|cảnh báo|viện trợ cho|tập trận chung với|cam kết hỗ trợ|trừng phạt|điện đàm với|hoan nghênh", V, "|")
    nt = split("kinh tế|quốc phòng|an ninh hàng hải|năng lượng|thương mại|y tế|giáo dục|khí hậu", T, "|")
    for (i = 1; i <= n; i++) {
        a = C[int(rand() * nc) + 1]; b = C[int(rand() * nc) + 1]
        if (a == b) b = (a == "Mỹ") ? "Nga" : "Mỹ"
        v = V[int(rand() * nv) + 1]; t = T[int(rand() * nt) + 1]; t2 = T[int(rand() * nt) + 1]
        d = int(rand() * 28) + 1; m = int(rand() * 12) + 1
        f = sprintf("%s/%05d.txt", dir, i)
        printf "%s %s %s về %s (bản tin số %d)\n\n", a, v, b, t, i > f
        printf "Ngày %d/%d/2024, %s %s %s trong lĩnh vực %s, theo thông báo số %d của Bộ Ngoại giao.\n\n", d, m, a, v, b, t, i * 7 + 3 > f
        printf "Bộ trưởng Ngoại giao %s cho biết hai nước sẽ tăng cường hợp tác về %s và %s trong thời gian tới. Người phát ngôn nói: \"Chúng tôi sẽ tiếp tục đối thoại với %s\".\n\n", a, t, t2, b > f
        printf "Giới phân tích nhận định quan hệ giữa %s và %s có nhiều chuyển biến, với mã tham chiếu %d-%d.\n", a, b, i, int(rand() * 100000) > f
        close(f)
    }
}'
