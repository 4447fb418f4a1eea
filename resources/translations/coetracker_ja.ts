<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About COE Tracker</source>
            <translation>COE Tracker について</translation>
        </message>
        <message>
            <source>Version {version}</source>
            <translation>バージョン {version}</translation>
        </message>
        <message>
            <source>Tracks Certificate of Eligibility applications: inquiries to the bureau, document requests and their deadlines, and when a status check is due.</source>
            <translation>在留資格認定証明書交付申請を管理します。出入国在留管理局への問合せ、資料提出通知とその提出期限、審査状況を問い合わせる時期がわかります。</translation>
        </message>
        <message>
            <source>&amp;Open data folder</source>
            <translation>データフォルダーを開く(&amp;O)</translation>
        </message>
        <message>
            <source> (bundle)</source>
            <translation>（バンドル版）</translation>
        </message>
        <message>
            <source>Database:</source>
            <translation>データベース：</translation>
        </message>
        <message>
            <source>Data folder:</source>
            <translation>データフォルダー：</translation>
        </message>
        <message>
            <source>Log folder:</source>
            <translation>ログフォルダー：</translation>
        </message>
        <message>
            <source>Qt:</source>
            <translation>Qt：</translation>
        </message>
        <message>
            <source>{qt} (PySide6 {pyside})</source>
            <translation>{qt}（PySide6 {pyside}）</translation>
        </message>
        <message>
            <source>Python:</source>
            <translation>Python：</translation>
        </message>
        <message>
            <source>System:</source>
            <translation>システム：</translation>
        </message>
        <message>
            <source>COE Tracker is free software under the MIT License: you may use, copy, modify and distribute it, provided the copyright notice is kept. It comes with no warranty.
It is built with Qt and Qt for Python (PySide6), used under the GNU LGPL version 3.</source>
            <translation>COE Tracker は MIT ライセンスのフリーソフトウェアです。著作権表示を残す限り、使用・複製・改変・再配布できます。無保証です。
Qt および Qt for Python（PySide6）を GNU LGPL バージョン3 の下で使用しています。</translation>
        </message>
    </context>
    <context>
        <name>AddOfficeBox</name>
        <message>
            <source>Add an office</source>
            <translation>官署を追加</translation>
        </message>
        <message>
            <source>e.g. 東京出入国在留管理局さいたま出張所</source>
            <translation>例：東京出入国在留管理局さいたま出張所</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>官署名</translation>
        </message>
        <message>
            <source>Under</source>
            <translation>所属する局</translation>
        </message>
        <message>
            <source>As published, e.g. 埼玉県 or 大津市、草津市</source>
            <translation>公表どおりに。例：埼玉県、大津市、草津市</translation>
        </message>
        <message>
            <source>Area served</source>
            <translation>管轄・分担区域</translation>
        </message>
        <message>
            <source>Progress inquiries</source>
            <translation>進捗の問合せ</translation>
        </message>
        <message>
            <source>Add office</source>
            <translation>官署を追加</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>COE Tracker is already open</source>
            <translation>COE Tracker は既に起動しています</translation>
        </message>
        <message>
            <source>COE Tracker cannot open the database</source>
            <translation>COE Tracker はデータベースを開けません</translation>
        </message>
        <message>
            <source>The folder of the database cannot be used: %1</source>
            <translation>データベースのフォルダーを使用できません：%1</translation>
        </message>
        <message>
            <source>Upgrade the office database</source>
            <translation>事務所データベースの更新</translation>
        </message>
        <message>
            <source>The office database was made by an older version of COE Tracker. Upgrade the office database now? A backup is taken first; other computers that open it meanwhile wait until the upgrade is done.</source>
            <translation>事務所データベースは古いバージョンの COE Tracker で作られています。今すぐ事務所データベースを更新しますか？先にバックアップを取ります。その間に開いた他のコンピューターは更新が終わるまで待ちます。</translation>
        </message>
    </context>
    <context>
        <name>BenchmarkImport</name>
        <message>
            <source>The file is neither UTF-8 nor Shift_JIS text.</source>
            <translation>ファイルがUTF-8でもShift_JISでもありません。</translation>
        </message>
        <message>
            <source>Row {row}, column {column}: {problem}</source>
            <translation>{row}行目の「{column}」列：{problem}</translation>
        </message>
        <message>
            <source>Columns missing from the header: {columns}</source>
            <translation>見出し行に次の列がありません：{columns}</translation>
        </message>
        <message>
            <source>empty</source>
            <translation>未入力です</translation>
        </message>
        <message>
            <source>write the month as 2025-11 or 2025年11月</source>
            <translation>対象月は2025-11または2025年11月のように入力してください</translation>
        </message>
        <message>
            <source>not a positive number of days</source>
            <translation>正の日数ではありません</translation>
        </message>
        <message>
            <source>“{status}” is not a status of residence in the list</source>
            <translation>「{status}」は在留資格の一覧にありません</translation>
        </message>
    </context>
    <context>
        <name>BenchmarkTableModel</name>
        <message>
            <source>Period</source>
            <translation>期間</translation>
        </message>
        <message>
            <source>Status of residence</source>
            <translation>在留資格</translation>
        </message>
        <message>
            <source>Average days</source>
            <translation>平均日数</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>出典</translation>
        </message>
    </context>
    <context>
        <name>Benchmarks</name>
        <message>
            <source>list or import published processing times</source>
            <translation>公表された処理期間の一覧表示・取込み</translation>
        </message>
        <message>
            <source>print every figure, newest month first</source>
            <translation>すべての処理期間を新しい月から表示します</translation>
        </message>
        <message>
            <source>add figures from a CSV (在留資格, 申請種別, 対象月, 平均処理日数); a month already present is replaced</source>
            <translation>CSV（在留資格、申請種別、対象月、平均処理日数）から処理期間を取り込みます。登録済みの月は置き換えます</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>対象月</translation>
        </message>
        <message>
            <source>Status of residence</source>
            <translation>在留資格</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>申請種別</translation>
        </message>
        <message>
            <source>Average days</source>
            <translation>平均処理日数</translation>
        </message>
        <message>
            <source>Cannot read {path}: {reason}</source>
            <translation>{path}を読み込めません：{reason}</translation>
        </message>
        <message>
            <source> Nothing was imported.</source>
            <translation>何も取り込んでいません。</translation>
        </message>
        <message>
            <source>{added} figures added, {replaced} replaced.</source>
            <translation>{added}件を追加し、{replaced}件を置き換えました。</translation>
        </message>
    </context>
    <context>
        <name>BureauTableModel</name>
        <message>
            <source>Bureau</source>
            <translation>官署名</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>電話番号</translation>
        </message>
        <message>
            <source>Progress inquiries</source>
            <translation>進捗の問合せ</translation>
        </message>
        <message>
            <source>Takes COE applications</source>
            <translation>認定申請の受付</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>あり</translation>
        </message>
        <message>
            <source>No</source>
            <translation>なし</translation>
        </message>
        <message>
            <source>Area served</source>
            <translation>管轄・分担区域</translation>
        </message>
    </context>
    <context>
        <name>CardDialog</name>
        <message>
            <source>Residence card</source>
            <translation>在留カード</translation>
        </message>
        <message>
            <source>Card number</source>
            <translation>在留カード番号</translation>
        </message>
        <message>
            <source>Status of residence</source>
            <translation>在留資格</translation>
        </message>
        <message>
            <source>Period of stay</source>
            <translation>在留期間</translation>
        </message>
        <message>
            <source>Landed / granted on</source>
            <translation>上陸日／許可日</translation>
        </message>
        <message>
            <source>Expiry (在留期限)</source>
            <translation>在留期限</translation>
        </message>
        <message>
            <source>Use the proposed date</source>
            <translation>提案の日付を使う</translation>
        </message>
        <message>
            <source>The date printed on the card always wins; the proposal counts from the day after landing (初日不算入). After a renewal, enter the new card.</source>
            <translation>在留カードに記載された日付が常に優先されます。提案は上陸日の翌日から数えます（初日不算入）。更新後は新しいカードの内容を入力してください。</translation>
        </message>
        <message>
            <source>Proposed expiry: %1</source>
            <translation>提案する在留期限：%1</translation>
        </message>
    </context>
    <context>
        <name>CaseActions</name>
        <message>
            <source>Archive case %1? It will be listed as closed; you can bring it back later.</source>
            <translation>案件 %1 をアーカイブしますか？終了した案件として表示されます。後で元に戻せます。</translation>
        </message>
        <message>
            <source>Archive case</source>
            <translation>案件のアーカイブ</translation>
        </message>
        <message>
            <source>Bring case %1 back from the archive?</source>
            <translation>案件 %1 をアーカイブから戻しますか？</translation>
        </message>
        <message>
            <source>Bring back case</source>
            <translation>案件を戻す</translation>
        </message>
        <message>
            <source>Copied: %1</source>
            <translation>コピーしました：%1</translation>
        </message>
        <message>
            <source>Renewal case started: fill in the filing when it is filed</source>
            <translation>更新の案件を作成しました。申請したら申請日などを入力してください</translation>
        </message>
    </context>
    <context>
        <name>CaseEditor</name>
        <message>
            <source>Edit case</source>
            <translation>案件の編集</translation>
        </message>
        <message>
            <source>New case</source>
            <translation>新規案件</translation>
        </message>
        <message>
            <source>Client (所属機関)</source>
            <translation>所属機関</translation>
        </message>
        <message>
            <source>Type to find a client, or a new name</source>
            <translation>入力して検索、または新しい名称を入力</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>所属機関名</translation>
        </message>
        <message>
            <source>Reading (kana)</source>
            <translation>フリガナ</translation>
        </message>
        <message>
            <source>13 digits (法人番号)</source>
            <translation>13桁の法人番号</translation>
        </message>
        <message>
            <source>Corporate number</source>
            <translation>法人番号</translation>
        </message>
        <message>
            <source>Prefecture</source>
            <translation>都道府県</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>所在地</translation>
        </message>
        <message>
            <source>Contact person</source>
            <translation>担当者</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>電話番号</translation>
        </message>
        <message>
            <source>Applicant (申請人)</source>
            <translation>申請人</translation>
        </message>
        <message>
            <source>As in the passport, e.g. NGUYEN</source>
            <translation>旅券のとおり（例：NGUYEN）</translation>
        </message>
        <message>
            <source>Family name</source>
            <translation>姓（ローマ字）</translation>
        </message>
        <message>
            <source>Given names</source>
            <translation>名（ローマ字）</translation>
        </message>
        <message>
            <source>Name in kanji</source>
            <translation>漢字氏名</translation>
        </message>
        <message>
            <source>Name in kana</source>
            <translation>カナ氏名</translation>
        </message>
        <message>
            <source>Nationality</source>
            <translation>国籍・地域</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>生年月日</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>性別</translation>
        </message>
        <message>
            <source>Passport number</source>
            <translation>旅券番号</translation>
        </message>
        <message>
            <source>Application</source>
            <translation>申請</translation>
        </message>
        <message>
            <source>Your office's file number (受託番号)</source>
            <translation>事務所の受託番号</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>受託番号</translation>
        </message>
        <message>
            <source>Status of residence</source>
            <translation>在留資格</translation>
        </message>
        <message>
            <source>Bureau</source>
            <translation>申請先</translation>
        </message>
        <message>
            <source>As on the receipt slip, e.g. 就労審査第一部門</source>
            <translation>申請受付票のとおり（例：就労審査第一部門）</translation>
        </message>
        <message>
            <source>Review department</source>
            <translation>審査部門</translation>
        </message>
        <message>
            <source>Department phone</source>
            <translation>審査部門の電話</translation>
        </message>
        <message>
            <source>(not filed yet)</source>
            <translation>（未申請）</translation>
        </message>
        <message>
            <source>Filed via</source>
            <translation>申請方法</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>進捗</translation>
        </message>
        <message>
            <source>Filing date</source>
            <translation>申請日</translation>
        </message>
        <message>
            <source>Exactly as on the slip, e.g. 東就認T26-12345</source>
            <translation>受付票の表記のとおり（例：東就認T26-12345）</translation>
        </message>
        <message>
            <source>Application no.</source>
            <translation>申請番号</translation>
        </message>
        <message>
            <source>Assignee</source>
            <translation>担当者</translation>
        </message>
        <message>
            <source>Dates</source>
            <translation>日付</translation>
        </message>
        <message>
            <source>Planned entry</source>
            <translation>入国予定日</translation>
        </message>
        <message>
            <source>COE issued (作成日)</source>
            <translation>交付日（作成日）</translation>
        </message>
        <message>
            <source>COE delivery</source>
            <translation>証明書の受領方法</translation>
        </message>
        <message>
            <source>Sent to applicant</source>
            <translation>申請人への送付日</translation>
        </message>
        <message>
            <source>Visa applied</source>
            <translation>査証申請日</translation>
        </message>
        <message>
            <source>Entered Japan</source>
            <translation>入国日</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation>処分日</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>備考</translation>
        </message>
        <message>
            <source>prefecture not recorded</source>
            <translation>都道府県は未入力</translation>
        </message>
        <message>
            <source>Existing client, %1</source>
            <translation>登録済みの所属機関（%1）</translation>
        </message>
        <message>
            <source>New client: enter its details below.</source>
            <translation>新しい所属機関です。下に詳細を入力してください。</translation>
        </message>
        <message>
            <source>Suggested from the client's prefecture (%1).</source>
            <translation>所属機関の所在地（%1）から提案しています。</translation>
        </message>
        <message>
            <source>Unknown nationality: choose one from the list (type to search).</source>
            <translation>不明な国籍・地域です。一覧から選択してください（入力して検索できます）。</translation>
        </message>
        <message>
            <source>From the receipt slip (申請受付票)</source>
            <translation>申請受付票に記載の番号</translation>
        </message>
        <message>
            <source>Filed: enter the department's phone number from the receipt slip (申請受付票); the call sheet shows it.</source>
            <translation>申請済みです。申請受付票に記載の審査部門の電話番号を入力してください（問合せシートに表示されます）。</translation>
        </message>
        <message>
            <source>Stage set to “%1” (%2 entered).</source>
            <translation>%2が入力されたため、進捗を「%1」にしました。</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>申請種別</translation>
        </message>
        <message>
            <source>Representative (代理人)</source>
            <translation>代理人</translation>
        </message>
        <message>
            <source>For family statuses: the relative in Japan</source>
            <translation>身分系の在留資格では日本に住む親族</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>氏名</translation>
        </message>
        <message>
            <source>Relationship</source>
            <translation>申請人との関係</translation>
        </message>
        <message>
            <source>Home address</source>
            <translation>住所</translation>
        </message>
        <message>
            <source>Suggested from the representative's prefecture (%1).</source>
            <translation>代理人の住所（%1）から提案しています。</translation>
        </message>
        <message>
            <source>Also accepted at: %1.</source>
            <translation>%1でも受け付けます。</translation>
        </message>
        <message>
            <source>Representative</source>
            <translation>代理人</translation>
        </message>
        <message>
            <source>Representative's prefecture</source>
            <translation>代理人の都道府県</translation>
        </message>
        <message>
            <source>Representative's address</source>
            <translation>代理人の住所</translation>
        </message>
        <message>
            <source>Receipt registered (受領登録)</source>
            <translation>受領登録日</translation>
        </message>
        <message>
            <source>An electronic certificate can be used only after the applicant registers receipt through the URL in the e-mail</source>
            <translation>電子の証明書は、申請人がメール記載のURLから受領登録をして初めて使えます</translation>
        </message>
        <message>
            <source>%1 can be applied for from %2.</source>
            <translation>%1は%2以降の申請から選べます。</translation>
        </message>
        <message>
            <source>%1 could be applied for until %2.</source>
            <translation>%1を申請できたのは%2までです。</translation>
        </message>
        <message>
            <source>For 日本人の配偶者等, 永住者の配偶者等, 定住者 and 家族滞在 the office is the one covering this person's residence; with this name given, the client company may be left empty.</source>
            <translation>日本人の配偶者等・永住者の配偶者等・定住者・家族滞在では、この方の住居地を管轄する官署が申請先です。氏名を入力すれば、所属機関は空欄で構いません。</translation>
        </message>
        <message>
            <source>Optional: the 代理人 files this family case</source>
            <translation>空欄可（代理人が申請する家族の案件）</translation>
        </message>
    </context>
    <context>
        <name>CaseTableModel</name>
        <message>
            <source>Readiness</source>
            <translation>状況</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>受託番号</translation>
        </message>
        <message>
            <source>Applicant</source>
            <translation>申請人</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>所属機関</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>理由</translation>
        </message>
        <message>
            <source>Next check</source>
            <translation>次回問合せ日</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>期限</translation>
        </message>
        <message>
            <source>Filed</source>
            <translation>申請日</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>経過日数</translation>
        </message>
        <message>
            <source>Status of residence</source>
            <translation>在留資格</translation>
        </message>
        <message>
            <source>Bureau</source>
            <translation>申請先</translation>
        </message>
        <message>
            <source>Application no.</source>
            <translation>申請番号</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>進捗</translation>
        </message>
        <message>
            <source>Assignee</source>
            <translation>担当者</translation>
        </message>
        <message>
            <source>Days since filing (filed cases only)</source>
            <translation>申請日からの経過日数（申請済みの案件のみ）</translation>
        </message>
        <message>
            <source>The nearest open document deadline, or for an issued certificate its expiry date</source>
            <translation>未提出の資料のうち最も近い提出期限、または交付済み証明書の有効期限</translation>
        </message>
        <message>
            <source>What the readiness rules concluded</source>
            <translation>判定ルールによる状況</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>申請種別</translation>
        </message>
        <message>
            <source>Outstanding</source>
            <translation>未収金額</translation>
        </message>
        <message>
            <source>Fees, tax and advances still to be received (yen)</source>
            <translation>まだ受け取っていない報酬・消費税・立替金（円）</translation>
        </message>
    </context>
    <context>
        <name>Check</name>
        <message>
            <source>No database at {path}.</source>
            <translation>{path} にデータベースがありません。</translation>
        </message>
        <message>
            <source>Integrity: {result}</source>
            <translation>整合性：{result}</translation>
        </message>
        <message>
            <source>ok</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>Foreign keys: {count} violations</source>
            <translation>外部キー：違反{count}件</translation>
        </message>
        <message>
            <source>Schema revision: {revision} (this version: {head})</source>
            <translation>スキーマのリビジョン：{revision}（このバージョン：{head}）</translation>
        </message>
        <message>
            <source>Unreadable text: {count} values in {tables} (shown with replacement characters; restore a backup to get them back)</source>
            <translation>読み取れない文字列：{tables} に {count}件（置換文字で表示しています。元に戻すにはバックアップから復元してください）</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>Changed by someone else</source>
            <translation>他の人が変更しました</translation>
        </message>
        <message>
            <source>These fields differ:</source>
            <translation>次の項目が異なります：</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>項目</translation>
        </message>
        <message>
            <source>Saved by the other person</source>
            <translation>他の人が保存した内容</translation>
        </message>
        <message>
            <source>Yours</source>
            <translation>あなたの入力</translation>
        </message>
        <message>
            <source>Save mine over theirs</source>
            <translation>自分の内容で上書き保存</translation>
        </message>
        <message>
            <source>Discard mine, show theirs</source>
            <translation>自分の変更を破棄して相手の内容を表示</translation>
        </message>
        <message>
            <source>Keep editing</source>
            <translation>編集を続ける</translation>
        </message>
    </context>
    <context>
        <name>Connection</name>
        <message>
            <source>Connected. The database is empty: COE Tracker sets it up when it first opens it.</source>
            <translation>接続しました。データベースは空です。COE Tracker が最初に開くときに準備します。</translation>
        </message>
        <message>
            <source>Connected. The office database is from an older version: it is upgraded, after a backup, when it is opened.</source>
            <translation>接続しました。事務所データベースは古いバージョンのものです。開くときにバックアップを取ってから更新します。</translation>
        </message>
        <message>
            <source>Connected.</source>
            <translation>接続しました。</translation>
        </message>
    </context>
    <context>
        <name>CorrectionDialog</name>
        <message>
            <source>Correct %1</source>
            <translation>%1 の訂正</translation>
        </message>
        <message>
            <source>Fee</source>
            <translation>報酬</translation>
        </message>
        <message>
            <source>Matter</source>
            <translation>事件の名称</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>依頼者</translation>
        </message>
        <message>
            <source>Date accepted</source>
            <translation>受託年月日</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>項目</translation>
        </message>
        <message>
            <source>As written</source>
            <translation>記載内容</translation>
        </message>
        <message>
            <source>Correct value</source>
            <translation>正しい内容</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>理由</translation>
        </message>
    </context>
    <context>
        <name>CrashDialog</name>
        <message>
            <source>COE Tracker – unexpected error</source>
            <translation>COE Tracker – 予期しないエラー</translation>
        </message>
        <message>
            <source>Something went wrong inside COE Tracker ({error}). The action you were doing did not complete; data saved earlier is safe. You can keep working, but restarting COE Tracker is the safest choice.

To help fix this, copy the report below and send it to your support contact. It contains the program's versions and where the error happened, not your cases or clients; please read it before sending.</source>
            <translation>COE Tracker の内部で問題が発生しました（{error}）。実行中の操作は完了していませんが、それまでに保存したデータは無事です。このまま作業を続けることもできますが、COE Tracker を再起動するのが最も安全です。

修正のため、下のレポートをコピーしてサポート窓口へお送りください。レポートにはプログラムのバージョンとエラーの発生箇所が含まれ、案件や所属機関の情報は含まれません。送信前に内容をご確認ください。</translation>
        </message>
        <message>
            <source>Log file: {path}</source>
            <translation>ログファイル：{path}</translation>
        </message>
        <message>
            <source>&amp;Copy report</source>
            <translation>レポートをコピー(&amp;C)</translation>
        </message>
        <message>
            <source>Open &amp;log folder</source>
            <translation>ログフォルダーを開く(&amp;L)</translation>
        </message>
        <message>
            <source>Copied</source>
            <translation>コピーしました</translation>
        </message>
    </context>
    <context>
        <name>Csv</name>
        <message>
            <source>utf-8-sig: UTF-8 with BOM (default); cp932: Shift_JIS for older software</source>
            <translation>utf-8-sig：BOM 付き UTF-8（既定）、cp932：古いソフトウェア向けの Shift_JIS</translation>
        </message>
        <message>
            <source>header row in Japanese (default) or as English keys</source>
            <translation>見出し行を日本語（既定）または英語のキーで書く</translation>
        </message>
        <message>
            <source>include closed and archived cases</source>
            <translation>終了・アーカイブ済みの案件も含める</translation>
        </message>
        <message>
            <source>check the file and report, without writing anything</source>
            <translation>何も書き込まずにファイルを検査して結果を表示する</translation>
        </message>
        <message>
            <source>update the cases whose 受託番号 or 申請番号 is in the file (default: refuse them)</source>
            <translation>受託番号または申請番号がファイルにある案件を更新する（既定：取り込まない）</translation>
        </message>
        <message>
            <source>the file's encoding (default: detected)</source>
            <translation>ファイルの文字コード（既定：自動判定）</translation>
        </message>
        <message>
            <source>{path} is a folder; give a file name.</source>
            <translation>{path} はフォルダーです。ファイル名を指定してください。</translation>
        </message>
        <message>
            <source>There is no folder {path}.</source>
            <translation>フォルダー {path} がありません。</translation>
        </message>
        <message>
            <source>The file could not be written: {reason}</source>
            <translation>ファイルを書き込めませんでした：{reason}</translation>
        </message>
        <message>
            <source>Wrote {count} cases to {path}.</source>
            <translation>{count}件の案件を {path} に書き出しました。</translation>
        </message>
        <message>
            <source>There is no file {path}.</source>
            <translation>ファイル {path} がありません。</translation>
        </message>
        <message>
            <source>The file could not be read: {reason}</source>
            <translation>ファイルを読み込めませんでした：{reason}</translation>
        </message>
        <message>
            <source>Ignored unknown columns: {columns}</source>
            <translation>不明な列を無視しました：{columns}</translation>
        </message>
        <message>
            <source>The file has no rows to import.</source>
            <translation>ファイルに取り込む行がありません。</translation>
        </message>
        <message>
            <source>coetracker: {count} problems in {path}; nothing was imported:</source>
            <translation>coetracker：{path} に{count}件の問題があるため、何も取り込んでいません：</translation>
        </message>
        <message>
            <source>Use --update to update the cases that are already there.</source>
            <translation>既にある案件を更新するには --update を付けてください。</translation>
        </message>
        <message>
            <source>{rows} rows ({encoding}): {creates} new cases, {updates} updates.</source>
            <translation>{rows}行（{encoding}）：新規案件{creates}件、更新{updates}件。</translation>
        </message>
        <message>
            <source>Dry run: nothing was written.</source>
            <translation>検査のみ：何も書き込んでいません。</translation>
        </message>
        <message>
            <source>Imported: {created} cases added, {updated} updated, {inquiries} inquiries and {requests} document requests recorded.</source>
            <translation>取り込みました：案件の追加{created}件、更新{updated}件、問合せ{inquiries}件と資料提出通知{requests}件を記録。</translation>
        </message>
        <message>
            <source>Backup taken first: {path}</source>
            <translation>取り込み前にバックアップを作成しました：{path}</translation>
        </message>
        <message>
            <source>The file is empty.</source>
            <translation>ファイルが空です。</translation>
        </message>
        <message>
            <source>The file is too large ({size} MB; the limit is {limit} MB).</source>
            <translation>ファイルが大きすぎます（{size} MB、上限は{limit} MB）。</translation>
        </message>
        <message>
            <source>The file is UTF-16 text; save it as “CSV UTF-8” or “CSV (comma delimited)”.</source>
            <translation>ファイルが UTF-16 のテキストです。「CSV UTF-8」または「CSV（コンマ区切り）」で保存し直してください。</translation>
        </message>
        <message>
            <source>The file contains NUL bytes (byte {offset}): it is not CSV text.</source>
            <translation>ファイルに NUL バイトが含まれています（{offset}バイト目）。CSV のテキストではありません。</translation>
        </message>
        <message>
            <source>The file is not valid {encoding} text (byte {offset}).</source>
            <translation>ファイルは正しい {encoding} のテキストではありません（{offset}バイト目）。</translation>
        </message>
        <message>
            <source>The file is neither UTF-8 nor CP932 (Shift_JIS) text: is it a CSV file?</source>
            <translation>ファイルは UTF-8 でも CP932（Shift_JIS）でもありません。CSV ファイルか確認してください。</translation>
        </message>
        <message>
            <source>Unsupported encoding “{encoding}”: use UTF-8 or CP932.</source>
            <translation>文字コード「{encoding}」には対応していません。UTF-8 または CP932 を使ってください。</translation>
        </message>
        <message>
            <source>The file is not valid CSV at line {line} ({detail}); check its quotes.</source>
            <translation>{line}行目が正しい CSV ではありません（{detail}）。引用符を確認してください。</translation>
        </message>
        <message>
            <source>A cell in row {row} is longer than {limit} characters.</source>
            <translation>{row}行目に{limit}文字を超えるセルがあります。</translation>
        </message>
        <message>
            <source>Column “{column}” appears twice (also as “{first}”).</source>
            <translation>列「{column}」が重複しています（「{first}」と同じ列です）。</translation>
        </message>
        <message>
            <source>The required column “{column}” is missing.</source>
            <translation>必須の列「{column}」がありません。</translation>
        </message>
        <message>
            <source>An applicant name column is required: “{first}” or “{second}”.</source>
            <translation>申請人の氏名の列（「{first}」または「{second}」）が必要です。</translation>
        </message>
        <message>
            <source>Row {row} has none of the case-list headers: is this the right file?</source>
            <translation>{row}行目に案件一覧の見出しが1つもありません。ファイルが正しいか確認してください。</translation>
        </message>
        <message>
            <source>Row {row} has {count} cells but the header has only {columns}.</source>
            <translation>{row}行目のセルは{count}個ですが、見出しは{columns}個しかありません。</translation>
        </message>
        <message>
            <source>The client (所属機関) is blank.</source>
            <translation>所属機関が空欄です。</translation>
        </message>
        <message>
            <source>The applicant has no name (family name or kanji).</source>
            <translation>申請人の氏名（姓または漢字氏名）がありません。</translation>
        </message>
        <message>
            <source>“{value}” is not one of: {choices}.</source>
            <translation>「{value}」は次のいずれでもありません：{choices}。</translation>
        </message>
        <message>
            <source>Unknown nationality “{value}”: use an ISO code or a Japanese or English name.</source>
            <translation>不明な国籍・地域「{value}」です。ISO コード、日本語名または英語名で入力してください。</translation>
        </message>
        <message>
            <source>Row {row}, column {column}: contains a NUL character (U+0000).</source>
            <translation>{row}行目の列「{column}」：NUL 文字（U+0000）が含まれています。</translation>
        </message>
        <message>
            <source>Row {row}, column {column}: {characters} cannot be written in {encoding}.</source>
            <translation>{row}行目の列「{column}」：{characters} は {encoding} で書き出せません。</translation>
        </message>
        <message>
            <source>{count} cells cannot be written in {encoding}; nothing was exported.</source>
            <translation>{count}個のセルを {encoding} で書き出せないため、何も書き出していません。</translation>
        </message>
        <message>
            <source>Unknown status of residence “{value}”: use its Japanese or English name (技術・人文知識・国際業務, Student …).</source>
            <translation>不明な在留資格「{value}」です。日本語名または英語名（技術・人文知識・国際業務、Student など）で入力してください。</translation>
        </message>
        <message>
            <source>Unknown bureau “{value}”: use its full or short name (東京出入国在留管理局, 東京, 横浜支局).</source>
            <translation>不明な申請先「{value}」です。正式名称または略称（東京出入国在留管理局、東京、横浜支局）で入力してください。</translation>
        </message>
        <message>
            <source>Row {other} has the same {column} “{value}”.</source>
            <translation>{other}行目にも同じ{column}「{value}」があります。</translation>
        </message>
        <message>
            <source>Duplicate: case {case} already has {column} “{value}”. Import with “update” to change it.</source>
            <translation>重複：案件 {case} に同じ{column}「{value}」があります。更新を指定して取り込むと変更できます。</translation>
        </message>
        <message>
            <source>The 受託番号 and the 申請番号 belong to two different cases ({first} and {second}).</source>
            <translation>受託番号と申請番号がそれぞれ別の案件（{first} と {second}）のものです。</translation>
        </message>
        <message>
            <source>Row {other} already updates case {case}.</source>
            <translation>{other}行目で既に案件 {case} を更新しています。</translation>
        </message>
        <message>
            <source>The cases changed while the file was being checked (another user saved). Nothing was imported; check the file again.</source>
            <translation>ファイルの検査中に案件が変更されました（他の利用者が保存しました）。何も取り込んでいません。もう一度ファイルを検査してください。</translation>
        </message>
        <message>
            <source>Nothing was imported: the file has {count} problems.</source>
            <translation>ファイルに{count}件の問題があるため、何も取り込んでいません。</translation>
        </message>
        <message>
            <source>Row {row}, {column}: {problem}</source>
            <translation>{row}行目、{column}：{problem}</translation>
        </message>
        <message>
            <source>Row {row}: {problem}</source>
            <translation>{row}行目：{problem}</translation>
        </message>
        <message>
            <source>UTF-8 with BOM — Excel and LibreOffice (recommended)</source>
            <translation>BOM 付き UTF-8 — Excel・LibreOffice 用（推奨）</translation>
        </message>
        <message>
            <source>Shift_JIS (CP932) — older software</source>
            <translation>Shift_JIS（CP932）— 古いソフトウェア用</translation>
        </message>
        <message>
            <source>Japanese (受託番号, 所属機関, …)</source>
            <translation>日本語（受託番号、所属機関…）</translation>
        </message>
        <message>
            <source>English keys (reference, client, …)</source>
            <translation>英語のキー（reference, client…）</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>対象の案件</translation>
        </message>
        <message>
            <source>The {count} cases shown (filters and order applied)</source>
            <translation>表示中の{count}件（絞り込みと並び順を反映）</translation>
        </message>
        <message>
            <source>Every case, closed and archived ones included</source>
            <translation>すべての案件（終了・アーカイブ済みを含む）</translation>
        </message>
        <message>
            <source>Encoding:</source>
            <translation>文字コード：</translation>
        </message>
        <message>
            <source>Headers:</source>
            <translation>見出し：</translation>
        </message>
        <message>
            <source>Shift_JIS cannot hold Vietnamese letters with diacritics, many simplified Chinese characters or emoji; if a case has one, nothing is written and you are told which cells.</source>
            <translation>Shift_JIS では、声調記号付きのベトナム語の文字、多くの簡体字、絵文字を扱えません。該当する案件があれば何も書き出さず、どのセルかをお知らせします。</translation>
        </message>
        <message>
            <source>Choose file…</source>
            <translation>ファイルを選択…</translation>
        </message>
        <message>
            <source>Cannot export as Shift_JIS</source>
            <translation>Shift_JIS で書き出せません</translation>
        </message>
        <message>
            <source>Export as UTF-8 instead</source>
            <translation>UTF-8 で書き出す</translation>
        </message>
        <message>
            <source>Copy list</source>
            <translation>一覧をコピー</translation>
        </message>
        <message>
            <source>(受託番号 {reference})</source>
            <translation>（受託番号 {reference}）</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV ファイル (*.csv)</translation>
        </message>
        <message>
            <source>Exported {count} cases to {path}.</source>
            <translation>{count}件の案件を {path} に書き出しました。</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>行</translation>
        </message>
        <message>
            <source>Import as</source>
            <translation>取込み内容</translation>
        </message>
        <message>
            <source>受託番号</source>
            <translation>受託番号</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>所属機関</translation>
        </message>
        <message>
            <source>Applicant</source>
            <translation>申請人</translation>
        </message>
        <message>
            <source>申請番号</source>
            <translation>申請番号</translation>
        </message>
        <message>
            <source>Filed</source>
            <translation>申請日</translation>
        </message>
        <message>
            <source>Status of residence</source>
            <translation>在留資格</translation>
        </message>
        <message>
            <source>Bureau</source>
            <translation>申請先</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>進捗</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>問題</translation>
        </message>
        <message>
            <source>Updates {case}</source>
            <translation>{case} を更新</translation>
        </message>
        <message>
            <source>Duplicate of {case}</source>
            <translation>{case} と重複</translation>
        </message>
        <message>
            <source>Not importable</source>
            <translation>取込み不可</translation>
        </message>
        <message>
            <source>New case</source>
            <translation>新規案件</translation>
        </message>
        <message>
            <source>ignored: computed on export</source>
            <translation>無視：書き出し時に計算する列</translation>
        </message>
        <message>
            <source>ignored: unknown column</source>
            <translation>無視：不明な列</translation>
        </message>
        <message>
            <source>ignored: no header</source>
            <translation>無視：見出しなし</translation>
        </message>
        <message>
            <source>Column in the file</source>
            <translation>ファイルの列</translation>
        </message>
        <message>
            <source>Read as</source>
            <translation>読み込み先</translation>
        </message>
        <message>
            <source>Detect</source>
            <translation>自動判定</translation>
        </message>
        <message>
            <source>UTF-8</source>
            <translation>UTF-8</translation>
        </message>
        <message>
            <source>Shift_JIS (CP932)</source>
            <translation>Shift_JIS（CP932）</translation>
        </message>
        <message>
            <source>UTF-8 with BOM</source>
            <translation>BOM 付き UTF-8</translation>
        </message>
        <message>
            <source>Update the existing cases with the same 受託番号 or 申請番号</source>
            <translation>受託番号または申請番号が同じ既存の案件を更新する</translation>
        </message>
        <message>
            <source>No problems.</source>
            <translation>問題はありません。</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>取り込む</translation>
        </message>
        <message>
            <source>Read as {encoding}</source>
            <translation>{encoding} として読み込み</translation>
        </message>
        <message>
            <source>Import {count} rows</source>
            <translation>{count}行を取り込む</translation>
        </message>
        <message>
            <source>Rows: {rows}. New cases: {creates}. Updates: {updates}. Rows with problems: {bad}.</source>
            <translation>行数：{rows}、新規案件：{creates}、更新：{updates}、問題のある行：{bad}。</translation>
        </message>
        <message>
            <source>Duplicates (受託番号 or 申請番号 of an existing case): {count}; tick “Update” to update those cases instead.</source>
            <translation>重複（既存の案件と同じ受託番号または申請番号）：{count}件。これらの案件を更新するには「既存の案件を更新する」をオンにしてください。</translation>
        </message>
        <message>
            <source>Unknown columns are ignored: {columns}.</source>
            <translation>不明な列は無視します：{columns}。</translation>
        </message>
        <message>
            <source>Nothing can be imported until every problem listed below is corrected in the file ({count} in all).</source>
            <translation>下記の問題（全{count}件）をすべてファイルで修正するまで取り込めません。</translation>
        </message>
        <message>
            <source>Nothing has been written yet: press Import to write every row.</source>
            <translation>まだ何も書き込んでいません。「取り込む」を押すと全行を書き込みます。</translation>
        </message>
        <message>
            <source>The file is too large (the limit is {limit} MB).</source>
            <translation>ファイルが大きすぎます（上限は{limit} MB）。</translation>
        </message>
        <message>
            <source>Writing: {done} of {total} rows</source>
            <translation>書き込み中：{total}行中 {done}行</translation>
        </message>
        <message>
            <source>Writing the imported cases…</source>
            <translation>取り込んだ案件を書き込んでいます…</translation>
        </message>
        <message>
            <source>The import was cancelled: nothing was written.</source>
            <translation>取り込みを中止しました。何も書き込んでいません。</translation>
        </message>
        <message>
            <source>write the case list to an Excel workbook (.xlsx) or a CSV file</source>
            <translation>案件一覧を Excel ブック（.xlsx）または CSV ファイルに書き出す</translation>
        </message>
        <message>
            <source>Write the case list to an Excel workbook (FILE.xlsx: to open in Excel) or a CSV file (for other programs): the cases the window lists (closed ones left out) or, with --all, every case; most urgent first.</source>
            <translation>案件一覧を Excel ブック（FILE.xlsx：Excel で開く場合）または CSV ファイル（他のソフト向け）に書き出します。対象はウィンドウに表示される案件（終了した案件を除く）、--all ではすべての案件で、緊急度の高い順です。</translation>
        </message>
        <message>
            <source>the .xlsx or .csv file to write</source>
            <translation>書き出す .xlsx または .csv ファイル</translation>
        </message>
        <message>
            <source>xlsx or csv (default: from the file's extension, else csv)</source>
            <translation>xlsx または csv（既定：ファイルの拡張子から。拡張子がなければ csv）</translation>
        </message>
        <message>
            <source>how a workbook shows dates (era or era_short: 令和; else Western)</source>
            <translation>ブックでの日付の表示（era または era_short：令和、それ以外：西暦）</translation>
        </message>
        <message>
            <source>add (or update) cases from a CSV file or an Excel workbook</source>
            <translation>CSV ファイルまたは Excel ブックから案件を追加（または更新）する</translation>
        </message>
        <message>
            <source>Check every row of a case-list CSV file or Excel workbook, then write all of them in one transaction after a backup, or none if anything is wrong.</source>
            <translation>案件一覧の CSV ファイルまたは Excel ブックの全行を確認し、バックアップの後、1つのトランザクションですべての行を書き込みます。問題があれば何も書き込みません。</translation>
        </message>
        <message>
            <source>the CSV file or Excel workbook to read</source>
            <translation>読み込む CSV ファイルまたは Excel ブック</translation>
        </message>
        <message>
            <source>the workbook's sheet to read (default: the first with case-list headers)</source>
            <translation>読み込むブックのシート（既定：案件一覧の見出しがある最初のシート）</translation>
        </message>
        <message>
            <source>Export as UTF-8 (the default) or as an Excel workbook (FILE.xlsx) to keep these characters.</source>
            <translation>これらの文字を残すには、UTF-8（既定）または Excel ブック（FILE.xlsx）で書き出してください。</translation>
        </message>
        <message>
            <source>The file mixes encodings: line {utf8} is UTF-8 but line {other} is not (Shift_JIS?). Open it in a spreadsheet and save it again as “CSV UTF-8”.</source>
            <translation>ファイルの文字コードが混在しています。{utf8}行目は UTF-8 ですが、{other}行目は違います（Shift_JIS？）。表計算ソフトで開き、「CSV UTF-8」で保存し直してください。</translation>
        </message>
        <message>
            <source>“{value}”: a character was lost (“?”) when the sheet was saved as CSV; save it as “CSV UTF-8” or import the workbook (.xlsx) itself.</source>
            <translation>「{value}」：シートを CSV で保存したときに文字が失われています（「?」）。「CSV UTF-8」で保存し直すか、ブック（.xlsx）をそのまま取り込んでください。</translation>
        </message>
        <message>
            <source>The file is an Excel workbook (.xlsx), not CSV text: import it directly as a workbook (choose “Excel workbook” as the file type, or name it .xlsx).</source>
            <translation>このファイルは CSV ではなく Excel ブック（.xlsx）です。ブックとしてそのまま取り込んでください（ファイルの種類で「Excel ブック」を選ぶか、名前を .xlsx にしてください）。</translation>
        </message>
        <message>
            <source>The file is an old Excel workbook (.xls): save it in Excel as “Excel workbook (.xlsx)” and import that.</source>
            <translation>このファイルは古い形式の Excel ブック（.xls）です。Excel で「Excel ブック（.xlsx）」として保存し、それを取り込んでください。</translation>
        </message>
        <message>
            <source>The file is a PDF document, not CSV text.</source>
            <translation>このファイルは CSV ではなく PDF 文書です。</translation>
        </message>
        <message>
            <source>The file is a PNG image, not CSV text.</source>
            <translation>このファイルは CSV ではなく PNG 画像です。</translation>
        </message>
        <message>
            <source>The file is a JPEG image, not CSV text.</source>
            <translation>このファイルは CSV ではなく JPEG 画像です。</translation>
        </message>
        <message>
            <source>The file is an SQLite database, not CSV text.</source>
            <translation>このファイルは CSV ではなく SQLite データベースです。</translation>
        </message>
        <message>
            <source>{case}, column {column}: {problem}</source>
            <translation>{case}、列「{column}」：{problem}</translation>
        </message>
        <message>
            <source>longer than an Excel cell holds ({limit} characters).</source>
            <translation>Excel のセルに入る長さ（{limit}文字）を超えています。</translation>
        </message>
        <message>
            <source>contains a NUL character (U+0000).</source>
            <translation>NUL 文字（U+0000）が含まれています。</translation>
        </message>
        <message>
            <source>{characters} cannot be written in {encoding}.</source>
            <translation>{characters} は {encoding} で書き出せません。</translation>
        </message>
        <message>
            <source>Excel workbook (.xlsx) — to open in Excel</source>
            <translation>Excel ブック（.xlsx）— Excel で開く場合</translation>
        </message>
        <message>
            <source>CSV (.csv) — for other programs</source>
            <translation>CSV（.csv）— 他のソフト向け</translation>
        </message>
        <message>
            <source>Export the case list</source>
            <translation>案件一覧の書き出し</translation>
        </message>
        <message>
            <source>Format:</source>
            <translation>形式：</translation>
        </message>
        <message>
            <source>To open the list in Excel, choose the Excel workbook: identifiers such as 0012 stay as typed, dates are dates and no cell is ever run as a formula. Choose CSV for other programs (another case tracker, a mail merge).</source>
            <translation>Excel で開くなら Excel ブックを選んでください。0012 のような番号は入力どおりに残り、日付は日付として扱われ、数式として実行されるセルはありません。他のソフト（別の案件管理ソフト、差し込み印刷など）に渡すなら CSV を選んでください。</translation>
        </message>
        <message>
            <source>Save as an Excel workbook instead</source>
            <translation>Excel ブックで保存する</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel ブック (*.xlsx)</translation>
        </message>
        <message>
            <source>The {count} cases shown in the window (filters applied)</source>
            <translation>ウィンドウに表示中の{count}件（絞り込み適用）</translation>
        </message>
        <message>
            <source>an Excel workbook</source>
            <translation>Excel ブック</translation>
        </message>
        <message>
            <source>Import cases</source>
            <translation>案件の取り込み</translation>
        </message>
        <message>
            <source>Sheet:</source>
            <translation>シート：</translation>
        </message>
        <message>
            <source>Case lists (*.xlsx *.csv *.txt);;Excel workbooks (*.xlsx);;CSV files (*.csv *.txt);;All files (*)</source>
            <translation>案件一覧 (*.xlsx *.csv *.txt);;Excel ブック (*.xlsx);;CSV ファイル (*.csv *.txt);;すべてのファイル (*)</translation>
        </message>
        <message>
            <source>&amp;Import from Excel or CSV…</source>
            <translation>Excel・CSV から取り込み(&amp;I)…</translation>
        </message>
        <message>
            <source>&amp;Export to Excel or CSV…</source>
            <translation>Excel・CSV に書き出し(&amp;E)…</translation>
        </message>
        <message>
            <source>The file is not a readable Excel workbook (.xlsx): {reason}</source>
            <translation>このファイルは読み込める Excel ブック（.xlsx）ではありません：{reason}</translation>
        </message>
        <message>
            <source>The workbook has no sheet “{sheet}”; its sheets: {sheets}.</source>
            <translation>ブックにシート「{sheet}」はありません。シート：{sheets}。</translation>
        </message>
        <message>
            <source>The cell holds a formula ({formula}) without a saved value: open and save the workbook in Excel, or replace the formula by its value.</source>
            <translation>セルの数式（{formula}）に保存された値がありません。Excel でブックを開いて保存し直すか、数式を値に置き換えてください。</translation>
        </message>
        <message>
            <source>The identifier {value} is a number cell (format “{format}”): its text as shown cannot be known. Format the column as text (@) and type it again.</source>
            <translation>番号 {value} は数値のセル（書式「{format}」）のため、表示どおりの文字を確定できません。列の書式を文字列（@）にして入力し直してください。</translation>
        </message>
        <message>
            <source>Cells {cells} are merged: only the first holds the value, the others are read as blank.</source>
            <translation>セル {cells} は結合されています。値があるのは先頭のセルだけで、ほかのセルは空欄として読み込みます。</translation>
        </message>
        <message>
            <source>Row {row} is hidden in the workbook; it is imported like the others.</source>
            <translation>{row}行目はブックで非表示になっていますが、ほかの行と同じく取り込みます。</translation>
        </message>
        <message>
            <source>Case list</source>
            <translation>案件一覧</translation>
        </message>
        <message>
            <source>About this export</source>
            <translation>書き出し情報</translation>
        </message>
        <message>
            <source>Exported on</source>
            <translation>書き出し日</translation>
        </message>
        <message>
            <source>Filter</source>
            <translation>絞り込み</translation>
        </message>
        <message>
            <source>Number of cases</source>
            <translation>件数</translation>
        </message>
        <message>
            <source>Every case, closed and archived included</source>
            <translation>すべての案件（終了・アーカイブ済みを含む）</translation>
        </message>
        <message>
            <source>The cases the window lists (closed ones left out)</source>
            <translation>ウィンドウに表示される案件（終了した案件を除く）</translation>
        </message>
        <message>
            <source>“{value}” is not an amount in yen: write a whole number such as 110000 or ¥110,000.</source>
            <translation>「{value}」は円の金額ではありません。110000 や ¥110,000 のように整数で書いてください。</translation>
        </message>
        <message>
            <source>A payment needs both 入金日 (the date) and 入金額 (the amount); this row gives one.</source>
            <translation>入金には入金日と入金額の両方が必要です。この行には一方しかありません。</translation>
        </message>
        <message>
            <source>A payment must be more than ¥0.</source>
            <translation>入金額は0円より大きくしてください。</translation>
        </message>
        <message>
            <source>Reading the cases…</source>
            <translation>案件を読み込んでいます…</translation>
        </message>
        <message>
            <source>Writing {path}…</source>
            <translation>{path} を書き出しています…</translation>
        </message>
        <message>
            <source>Reading the file…</source>
            <translation>ファイルを読み込んでいます…</translation>
        </message>
    </context>
    <context>
        <name>DataSafety</name>
        <message>
            <source>make a verified backup of the database now</source>
            <translation>データベースのバックアップを今すぐ作成して検証する</translation>
        </message>
        <message>
            <source>write the backup into this folder (default: the backup folder)</source>
            <translation>このフォルダーにバックアップを書き込む（既定：バックアップフォルダー）</translation>
        </message>
        <message>
            <source>make a backup even if nothing changed since the last one</source>
            <translation>前回から変更がなくてもバックアップを作成する</translation>
        </message>
        <message>
            <source>replace the database with a backup (the current one is moved aside, never deleted)</source>
            <translation>データベースをバックアップで置き換える（現在のものは削除せず別名で残す）</translation>
        </message>
        <message>
            <source>the backup file</source>
            <translation>バックアップファイル</translation>
        </message>
        <message>
            <source>list the backups with their time and number of cases</source>
            <translation>バックアップを作成日時と案件数つきで一覧表示する</translation>
        </message>
        <message>
            <source>list this folder (default: the backup folder)</source>
            <translation>このフォルダーを一覧表示する（既定：バックアップフォルダー）</translation>
        </message>
        <message>
            <source>There is no database at {path}: nothing to back up.</source>
            <translation>{path} にデータベースがないため、バックアップするものがありません。</translation>
        </message>
        <message>
            <source>Nothing changed since the newest backup, {path}, so no new backup was made (--force makes one anyway).</source>
            <translation>最新のバックアップ（{path}）から変更がないため、新しいバックアップは作成していません（--force を付けると作成します）。</translation>
        </message>
        <message>
            <source>Restored {backup} to {db}.</source>
            <translation>{backup} を {db} に復元しました。</translation>
        </message>
        <message>
            <source>The previous database was moved, not deleted, to {path}.</source>
            <translation>それまでのデータベースは削除せず、{path} に移動しました。</translation>
        </message>
        <message>
            <source>There was no database in its place.</source>
            <translation>元の場所にはデータベースがありませんでした。</translation>
        </message>
        <message>
            <source>A backup of the previous database was made first: {path}.</source>
            <translation>先にそれまでのデータベースのバックアップを作成しました：{path}</translation>
        </message>
        <message>
            <source>No backups in {folder}.</source>
            <translation>{folder} にバックアップはありません。</translation>
        </message>
        <message>
            <source>Backups in {folder}, newest first:</source>
            <translation>{folder} のバックアップ（新しい順）：</translation>
        </message>
        <message>
            <source>ok</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>DAMAGED</source>
            <translation>破損</translation>
        </message>
        <message>
            <source>made</source>
            <translation>作成日時</translation>
        </message>
        <message>
            <source>cases</source>
            <translation>案件数</translation>
        </message>
        <message>
            <source>size</source>
            <translation>サイズ</translation>
        </message>
        <message>
            <source>check</source>
            <translation>検査</translation>
        </message>
        <message>
            <source>file</source>
            <translation>ファイル</translation>
        </message>
        <message>
            <source>The database is busy: another COE Tracker window or command is saving. Nothing was lost. Please try again in a moment.</source>
            <translation>データベースは使用中です。別の COE Tracker のウィンドウまたはコマンドが保存しています。失われたデータはありません。少し待ってからもう一度お試しください。</translation>
        </message>
        <message>
            <source>The disk is full, so the change was not saved. The database is unchanged and intact. Free some disk space, then save again.</source>
            <translation>ディスクがいっぱいのため、変更を保存できませんでした。データベースは変更されておらず、損傷もありません。ディスクの空きを作ってから、もう一度保存してください。</translation>
        </message>
        <message>
            <source>The database is read-only (the file or its folder cannot be written), so nothing was saved. The data is unchanged.</source>
            <translation>データベースが読み取り専用（ファイルまたはフォルダーに書き込めない）のため、保存していません。データは変更されていません。</translation>
        </message>
        <message>
            <source>The database {path} is read-only (the file or its folder cannot be written), so nothing was saved. The data is unchanged.</source>
            <translation>データベース {path} が読み取り専用（ファイルまたはフォルダーに書き込めない）のため、保存していません。データは変更されていません。</translation>
        </message>
        <message>
            <source>The database file could not be opened. Check that its folder exists and that you may read and write it.</source>
            <translation>データベースファイルを開けませんでした。フォルダーが存在し、読み書きの権限があるか確認してください。</translation>
        </message>
        <message>
            <source>The disk reported an error while reading or writing the database. The last change may not have been saved. Check the drive, then try again.</source>
            <translation>データベースの読み書き中にディスクがエラーを報告しました。直前の変更は保存されていない可能性があります。ドライブを確認してから、もう一度お試しください。</translation>
        </message>
        <message>
            <source>The database file is damaged. Close COE Tracker and start it again: the damaged file will be set aside unchanged and your newest backup offered.</source>
            <translation>データベースファイルが破損しています。COE Tracker を終了して起動し直してください。破損したファイルはそのまま別に保管され、最新のバックアップからの復元が提案されます。</translation>
        </message>
        <message>
            <source>This file has no COE Tracker schema version, so it cannot be opened or restored by this version of COE Tracker.</source>
            <translation>このファイルには COE Tracker のスキーマのバージョンがないため、このバージョンの COE Tracker では開くことも復元することもできません。</translation>
        </message>
        <message>
            <source>This database was written by a newer version of COE Tracker (schema {revision}). Install the newer version to open it; the file was not changed.</source>
            <translation>このデータベースは新しいバージョンの COE Tracker で作成されています（スキーマ {revision}）。開くには新しいバージョンをインストールしてください。ファイルは変更していません。</translation>
        </message>
        <message>
            <source>{path} is not a COE Tracker database or backup. Nothing was changed.</source>
            <translation>{path} は COE Tracker のデータベースでもバックアップでもありません。何も変更していません。</translation>
        </message>
        <message>
            <source>The backup {path} is damaged (its integrity check failed). Nothing was changed; choose an older backup.</source>
            <translation>バックアップ {path} は破損しています（整合性検査に失敗）。何も変更していません。それより前のバックアップを選択してください。</translation>
        </message>
        <message>
            <source>Files left by an earlier database ({journals}) are still beside {path}. They hold its last changes and would damage any other file put in its place, so nothing was changed. Move them, together with the database file they belong to, into another folder, then try again.</source>
            <translation>以前のデータベースが残したファイル（{journals}）が {path} の隣にあります。そこには最後の変更が記録されており、この場所に別のファイルを置くと壊してしまうため、何も変更していません。これらのファイルを元のデータベースファイルと一緒に別のフォルダーへ移動してから、もう一度お試しください。</translation>
        </message>
        <message>
            <source>COE Tracker is already running with this database. Switch to that window, or close it first.</source>
            <translation>このデータベースは既に COE Tracker で開かれています。そのウィンドウに切り替えるか、先に閉じてください。</translation>
        </message>
        <message>
            <source>This database is in use by COE Tracker on computer {host} (process {pid}). Close it there first. Only if that computer has crashed, open the database anyway.</source>
            <translation>このデータベースはコンピューター {host} の COE Tracker（プロセス {pid}）で使用中です。先にそちらで閉じてください。そのコンピューターが異常終了した場合に限り、このまま開いてください。</translation>
        </message>
        <message>
            <source>COE Tracker is already running with this database (process {pid} on {host}). Switch to that window, or close it first.</source>
            <translation>このデータベースは既に COE Tracker で開かれています（{host} のプロセス {pid}）。そのウィンドウに切り替えるか、先に閉じてください。</translation>
        </message>
        <message>
            <source>This database is on a server, not in a file: back it up and restore it with the server's own tools. Nothing was changed.</source>
            <translation>このデータベースはファイルではなくサーバー上にあります。バックアップと復元はサーバー側のツールで行ってください。何も変更していません。</translation>
        </message>
        <message>
            <source>The backup could not be written to {folder}. Check that the folder exists and that you may write to it. The database and the earlier backups are unchanged.</source>
            <translation>{folder} にバックアップを書き込めませんでした。フォルダーが存在し、書き込みの権限があるか確認してください。データベースとこれまでのバックアップは変更されていません。</translation>
        </message>
        <message>
            <source>The backup could not be put in place in {folder}. Check that you may write to that folder. The database is unchanged.</source>
            <translation>{folder} にバックアップを配置できませんでした。そのフォルダーへの書き込み権限を確認してください。データベースは変更されていません。</translation>
        </message>
        <message>
            <source>There is no file {path}. Nothing was changed.</source>
            <translation>ファイル {path} がありません。何も変更していません。</translation>
        </message>
        <message>
            <source>{path} is the database in use, not a backup. Choose a backup file. Nothing was changed.</source>
            <translation>{path} はバックアップではなく、使用中のデータベースです。バックアップファイルを選択してください。何も変更していません。</translation>
        </message>
        <message>
            <source>The database {path} is on a drive that is mounted read-only, so it is open read-only: you can look at everything, but changes cannot be saved.</source>
            <translation>データベース {path} は読み取り専用のドライブにあるため、読み取り専用で開いています。すべて閲覧できますが、変更は保存できません。</translation>
        </message>
        <message>
            <source>The database file {path} cannot be written (its permissions or attributes do not allow it), so it is open read-only: you can look at everything, but changes cannot be saved.</source>
            <translation>データベースファイル {path} に書き込めない（権限または属性で許可されていない）ため、読み取り専用で開いています。すべて閲覧できますが、変更は保存できません。</translation>
        </message>
        <message>
            <source>The folder {folder} cannot be written, and the database needs it to save, so the database is open read-only: you can look at everything, but changes cannot be saved.</source>
            <translation>保存に必要なフォルダー {folder} に書き込めないため、データベースを読み取り専用で開いています。すべて閲覧できますが、変更は保存できません。</translation>
        </message>
        <message>
            <source>The database was opened read-only, as requested: changes cannot be saved.</source>
            <translation>指定どおり、データベースを読み取り専用で開きました。変更は保存できません。</translation>
        </message>
        <message>
            <source>The database {path} was opened read-only, as requested: changes cannot be saved.</source>
            <translation>指定どおり、データベース {path} を読み取り専用で開きました。変更は保存できません。</translation>
        </message>
        <message>
            <source>The database file {path} is damaged. It could only be opened read-only, so it was left exactly as it is. Open it where it can be written to have it set aside and your newest backup offered.</source>
            <translation>データベースファイル {path} は破損しています。読み取り専用でしか開けなかったため、そのままにしてあります。書き込める場所で開くと、破損したファイルを別に保管して最新のバックアップからの復元を提案します。</translation>
        </message>
        <message>
            <source>There is no database at {path}, and it can only be opened read-only, so none can be created there. Choose a folder you may write, or ask for write access. Nothing was changed.</source>
            <translation>{path} にデータベースがなく、読み取り専用でしか開けないため、そこに作成できません。書き込めるフォルダーを選ぶか、書き込み権限を依頼してください。何も変更していません。</translation>
        </message>
        <message>
            <source>The database {path} cannot be opened, not even read-only: its last changes are in the -wal file beside it, and SQLite cannot read them without making a working file in that folder, which cannot be written. Copy the database and its -wal file together into a folder you may write, or ask for write access. Nothing was changed.</source>
            <translation>データベース {path} は読み取り専用でも開けません。最後の変更が隣の -wal ファイルにあり、SQLite がそれを読むにはそのフォルダーに作業用ファイルを作る必要がありますが、フォルダーに書き込めません。データベースと -wal ファイルを一緒に書き込めるフォルダーへコピーするか、書き込み権限を依頼してください。何も変更していません。</translation>
        </message>
        <message>
            <source>The database {path} must be updated for this version of COE Tracker before it can be shown, and it can only be opened read-only. Open it where it can be written, or ask for write access. Nothing was changed.</source>
            <translation>データベース {path} を表示するには、このバージョンの COE Tracker に合わせて更新する必要がありますが、読み取り専用でしか開けません。書き込める場所で開くか、書き込み権限を依頼してください。何も変更していません。</translation>
        </message>
        <message>
            <source>Restore backup</source>
            <translation>バックアップから復元</translation>
        </message>
        <message>
            <source>COE Tracker backups (*.sqlite3);;All files (*)</source>
            <translation>COE Tracker のバックアップ (*.sqlite3);;すべてのファイル (*)</translation>
        </message>
        <message>
            <source>unknown time</source>
            <translation>日時不明</translation>
        </message>
        <message>
            <source>Restore the backup {backup} (made {when}, {count} cases)?

The database in use now will be moved aside, not deleted: it stays in its folder as {db}.before-restore-… with every change made since that backup.</source>
            <translation>バックアップ {backup}（{when} 作成、案件{count}件）から復元しますか？

現在使用中のデータベースは削除されず、そのバックアップ以降のすべての変更を含んだまま、同じフォルダーに {db}.before-restore-… として残ります。</translation>
        </message>
        <message>
            <source>The backup {backup} was restored.</source>
            <translation>バックアップ {backup} から復元しました。</translation>
        </message>
        <message>
            <source>The previous database was kept as {path}.</source>
            <translation>それまでのデータベースは {path} として残してあります。</translation>
        </message>
        <message>
            <source>The database is damaged</source>
            <translation>データベースが破損しています</translation>
        </message>
        <message>
            <source>Restore this backup</source>
            <translation>このバックアップから復元</translation>
        </message>
        <message>
            <source>Choose another backup…</source>
            <translation>別のバックアップを選択…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>終了</translation>
        </message>
        <message>
            <source>Choose a backup…</source>
            <translation>バックアップを選択…</translation>
        </message>
        <message>
            <source>COE Tracker backups (*.sqlite3)</source>
            <translation>COE Tracker のバックアップ (*.sqlite3)</translation>
        </message>
        <message>
            <source>No backup yet</source>
            <translation>バックアップはまだありません</translation>
        </message>
        <message>
            <source>Last backup: {time}</source>
            <translation>前回のバックアップ：{time}</translation>
        </message>
        <message>
            <source>(the latest backup failed)</source>
            <translation>（直近のバックアップは失敗しました）</translation>
        </message>
        <message>
            <source>Backup</source>
            <translation>バックアップ</translation>
        </message>
        <message>
            <source>&amp;Back up now</source>
            <translation>今すぐバックアップ(&amp;B)</translation>
        </message>
        <message>
            <source>Rest&amp;ore backup…</source>
            <translation>バックアップから復元(&amp;O)…</translation>
        </message>
        <message>
            <source>Make a verified backup of the database now</source>
            <translation>データベースのバックアップを今すぐ作成して検証します</translation>
        </message>
        <message>
            <source>Replace the database with a backup; the current one is kept</source>
            <translation>データベースをバックアップで置き換えます。現在のものは残します</translation>
        </message>
        <message>
            <source>erase the personal data of the applicant of a case (closed for 2 years) from the database and its history</source>
            <translation>案件の申請人の個人情報をデータベースと変更履歴から消去する（終了後2年を過ぎた案件）</translation>
        </message>
        <message>
            <source>the case's reference</source>
            <translation>案件の受託番号</translation>
        </message>
        <message>
            <source>There is no case {reference}. Nothing was erased.</source>
            <translation>案件 {reference} はありません。何も消去していません。</translation>
        </message>
        <message>
            <source>The applicant of {reference} was erased from the database and its history ({count} recorded values cleared). Backups made before still hold the data until they rotate out (12 months at most).</source>
            <translation>{reference} の申請人の個人情報をデータベースと変更履歴から消去しました（記録された値 {count}件を消去）。それ以前に作成されたバックアップには、削除されるまで（最長12か月）データが残ります。</translation>
        </message>
        <message>
            <source>The database file was damaged. It has been moved, unchanged, to {moved_to}. No intact backup was found; keep that file and contact support. COE Tracker opens no database here until you restore a backup or choose to start an empty database (--new-database on the command line).</source>
            <translation>データベースファイルが破損していました。ファイルはそのまま {moved_to} に移動しました。破損していないバックアップが見つかりません。このファイルを保管し、サポートに連絡してください。バックアップから復元するか、空のデータベースで始めることを選ぶ（コマンドラインでは --new-database）まで、COE Tracker はここでデータベースを開きません。</translation>
        </message>
        <message>
            <source>The database file was damaged. It has been moved, unchanged, to {moved_to}. The newest intact backup, {backup} ({facts}), can restore your data. COE Tracker opens no database here until you restore a backup or choose to start an empty database (--new-database on the command line).</source>
            <translation>データベースファイルが破損していました。ファイルはそのまま {moved_to} に移動しました。破損していない最新のバックアップ {backup}（{facts}）から復元できます。バックアップから復元するか、空のデータベースで始めることを選ぶ（コマンドラインでは --new-database）まで、COE Tracker はここでデータベースを開きません。</translation>
        </message>
        <message>
            <source>{text} {note}</source>
            <translation>{text}{note}</translation>
        </message>
        <message>
            <source>Start an empty database</source>
            <translation>空のデータベースで始める</translation>
        </message>
        <message>
            <source>Start an empty database? The damaged file and every backup stay where they are, and you can still restore a backup later from the File menu.</source>
            <translation>空のデータベースで始めますか？破損したファイルとすべてのバックアップはそのまま残り、後から「ファイル」メニューでバックアップから復元することもできます。</translation>
        </message>
        <message>
            <source>{path} is not a COE Tracker database, so it was neither opened nor changed: choose a COE Tracker database, or a new file name to start one.</source>
            <translation>{path} は COE Tracker のデータベースではないため、開かず、変更もしていません。COE Tracker のデータベースを選ぶか、新しく始める場合は新しいファイル名を指定してください。</translation>
        </message>
        <message>
            <source>{path} does not have the tables, columns, indexes, triggers and views this version of COE Tracker makes (something was added to it or removed from it), so it was not used and was left unchanged; restore a backup, or contact support.</source>
            <translation>{path} には、このバージョンの COE Tracker が作るテーブル・列・インデックス・トリガー・ビューと異なる構造があります（何かが追加または削除されています）。そのため使用せず、変更もしていません。バックアップから復元するか、サポートに連絡してください。</translation>
        </message>
        <message>
            <source>There is already a database file at {path}, so no empty database was started: an empty database is only started where a damaged one was set aside. Nothing was changed.</source>
            <translation>{path} にはすでにデータベースファイルがあるため、空のデータベースは作成しませんでした。空のデータベースは、破損したデータベースが移動された場所でのみ始められます。何も変更していません。</translation>
        </message>
        <message>
            <source>made {made}, {cases} cases</source>
            <translation>作成 {made}、{cases}件</translation>
        </message>
        <message>
            <source>Careful: the older backup {path} ({facts}) holds more cases than the newest, which may have been made after cases were lost; compare both before you choose.</source>
            <translation>注意：古いバックアップ {path}（{facts}）のほうが最新のものより案件が多く、最新のバックアップは案件が失われた後に作られた可能性があります。両方を比べてから選んでください。</translation>
        </message>
        <message>
            <source>There is no applicant {id}. Nothing was erased.</source>
            <translation>申請人 {id} はありません。何も消去していません。</translation>
        </message>
        <message>
            <source>This applicant cannot be erased yet: case {reference} is still open or was closed less than {years} years ago, and the case ledger must be kept that long. Nothing was erased.</source>
            <translation>この申請人はまだ消去できません。案件 {reference} が終了していないか、終了から{years}年たっていません。事件簿はその間保存する必要があります。何も消去していません。</translation>
        </message>
        <message>
            <source>replace the office server's database for everyone (required for a server; a backup is taken first)</source>
            <translation>事務所サーバーのデータベースを全員分置き換える（サーバーでは必須。先にバックアップを取ります）</translation>
        </message>
        <message>
            <source>copy every case and its history into an empty database (a server URL or a file)</source>
            <translation>すべての案件と履歴を空のデータベース（サーバーの URL またはファイル）へコピーする</translation>
        </message>
        <message>
            <source>the empty target database</source>
            <translation>コピー先の空のデータベース</translation>
        </message>
        <message>
            <source>Restored {backup} into the office database ({count} cases).</source>
            <translation>{backup} を事務所データベースに復元しました（{count} 件の案件）。</translation>
        </message>
        <message>
            <source>Copied {count} cases with their history.</source>
            <translation>{count} 件の案件を履歴とともにコピーしました。</translation>
        </message>
        <message>
            <source>Replace the office database, for everyone, with this backup ({count} cases)? A backup of the office database as it is now is taken first.</source>
            <translation>事務所データベースを全員分、このバックアップ（{count} 件の案件）で置き換えますか？先に現在の事務所データベースのバックアップを取ります。</translation>
        </message>
        <message>
            <source>The office server cannot be reached: check the network and that the server is running. Nothing was lost.</source>
            <translation>事務所サーバーに接続できません。ネットワークとサーバーが動いていることを確認してください。データは失われていません。</translation>
        </message>
        <message>
            <source>The office server refused the user name or the password.</source>
            <translation>事務所サーバーがユーザー名またはパスワードを拒否しました。</translation>
        </message>
        <message>
            <source>The office server has no database of that name: check the name, or ask the administrator to create it.</source>
            <translation>事務所サーバーにその名前のデータベースがありません。名前を確認するか、管理者に作成を依頼してください。</translation>
        </message>
        <message>
            <source>The secure connection to the office server failed: check the TLS mode and the CA certificate file.</source>
            <translation>事務所サーバーとの暗号化接続に失敗しました。TLS モードと CA 証明書ファイルを確認してください。</translation>
        </message>
        <message>
            <source>Your role on the office server may not do this: ask the administrator. Nothing was changed.</source>
            <translation>事務所サーバーでのあなたのロールにはこの操作の権限がありません。管理者に相談してください。何も変更していません。</translation>
        </message>
        <message>
            <source>The target database already holds cases or history: copy only into an empty database. Nothing was copied.</source>
            <translation>コピー先のデータベースにはすでに案件または履歴があります。空のデータベースにのみコピーできます。何もコピーしていません。</translation>
        </message>
        <message>
            <source>Restoring replaces the office database for everyone: repeat with --replace to do it (a backup is taken first). Nothing was changed.</source>
            <translation>復元すると事務所データベースが全員分置き換わります。実行するには --replace を付けてもう一度実行してください（先にバックアップを取ります）。何も変更していません。</translation>
        </message>
        <message>
            <source>The two databases were made by different versions of COE Tracker: open each with this version first. Nothing was copied.</source>
            <translation>二つのデータベースは異なるバージョンの COE Tracker で作られています。先にそれぞれをこのバージョンで開いてください。何もコピーしていません。</translation>
        </message>
        <message>
            <source>Restoring the backup…</source>
            <translation>バックアップを復元しています…</translation>
        </message>
        <message>
            <source>Backing up the database…</source>
            <translation>データベースをバックアップしています…</translation>
        </message>
    </context>
    <context>
        <name>DatabaseSettings</name>
        <message>
            <source>Office server</source>
            <translation>事務所サーバー</translation>
        </message>
        <message>
            <source>Password for %1:</source>
            <translation>%1 のパスワード:</translation>
        </message>
    </context>
    <context>
        <name>DatabaseTab</name>
        <message>
            <source>Your name (this computer user)</source>
            <translation>あなたの名前（このコンピューターのユーザー）</translation>
        </message>
        <message>
            <source>This computer (file)</source>
            <translation>このコンピューター（ファイル）</translation>
        </message>
        <message>
            <source>Office server (PostgreSQL)</source>
            <translation>事務所サーバー（PostgreSQL）</translation>
        </message>
        <message>
            <source>Keep the password in the system keyring</source>
            <translation>パスワードをシステムのキーリングに保存する</translation>
        </message>
        <message>
            <source>No encryption (only inside the office network)</source>
            <translation>暗号化なし（事務所内ネットワークのみ）</translation>
        </message>
        <message>
            <source>Encrypted</source>
            <translation>暗号化</translation>
        </message>
        <message>
            <source>Encrypted, server certificate checked</source>
            <translation>暗号化（サーバー証明書を検証）</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>選択…</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>サーバー</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>ポート</translation>
        </message>
        <message>
            <source>Database</source>
            <translation>データベース</translation>
        </message>
        <message>
            <source>User</source>
            <translation>ユーザー</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>パスワード</translation>
        </message>
        <message>
            <source>Connection security</source>
            <translation>接続の安全性</translation>
        </message>
        <message>
            <source>CA certificate</source>
            <translation>CA 証明書</translation>
        </message>
        <message>
            <source>Test connection</source>
            <translation>接続テスト</translation>
        </message>
        <message>
            <source>A change of database is used from the next start. Leave a field empty to use the server's PGSERVICE or .pgpass settings.</source>
            <translation>データベースの変更は次回の起動から使われます。空欄の項目にはサーバーの PGSERVICE や .pgpass の設定が使われます。</translation>
        </message>
    </context>
    <context>
        <name>DateLineEdit</name>
        <message>
            <source>Pick a date from a calendar</source>
            <translation>カレンダーから日付を選択</translation>
        </message>
        <message>
            <source>e.g. 2025-11-03, 令和7年11月3日 or 12/3</source>
            <translation>例：2025-11-03、令和7年11月3日、12/3</translation>
        </message>
    </context>
    <context>
        <name>Dates</name>
        <message>
            <source>“{text}” is not a date: write e.g. 2025-11-03, 2025/11/3 or 令和7年11月3日.</source>
            <translation>「{text}」は日付ではありません。2025-11-03、2025/11/3、令和7年11月3日のように入力してください。</translation>
        </message>
        <message>
            <source>“{text}”: there is no year 0 in an era; the first year is 元年 (1).</source>
            <translation>「{text}」：元号に0年はありません。最初の年は元年（1年）です。</translation>
        </message>
        <message>
            <source>“{text}” is before the {era} era began on {start}.</source>
            <translation>「{text}」は{era}の始まり（{start}）より前です。</translation>
        </message>
        <message>
            <source>“{text}” does not exist: the {era} era ended on {end}.</source>
            <translation>「{text}」は存在しません。{era}は{end}で終わっています。</translation>
        </message>
        <message>
            <source>“{text}”: there is no month {month}.</source>
            <translation>「{text}」：{month}月はありません。</translation>
        </message>
        <message>
            <source>“{text}”: month {month} of {year} has no day {day}.</source>
            <translation>「{text}」：{year}年{month}月に{day}日はありません。</translation>
        </message>
        <message>
            <source>“{text}” is too early: dates before {earliest} are not supported.</source>
            <translation>「{text}」は古すぎます。{earliest}より前の日付には対応していません。</translation>
        </message>
    </context>
    <context>
        <name>DetailTabs</name>
        <message>
            <source>Select a case to see what to do next and why.</source>
            <translation>案件を選択すると、次にすべきこととその理由を表示します。</translation>
        </message>
        <message>
            <source>Overview</source>
            <translation>概要</translation>
        </message>
        <message>
            <source>Inquiries</source>
            <translation>問合せ</translation>
        </message>
        <message>
            <source>Document requests</source>
            <translation>資料提出通知</translation>
        </message>
        <message>
            <source>History</source>
            <translation>履歴</translation>
        </message>
        <message>
            <source>Inquiries (%1)</source>
            <translation>問合せ（%1）</translation>
        </message>
        <message>
            <source>Document requests (%1 open)</source>
            <translation>資料提出通知（未提出 %1）</translation>
        </message>
        <message>
            <source>Fees</source>
            <translation>報酬</translation>
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <source>COE Tracker</source>
            <translation>COE Tracker</translation>
        </message>
    </context>
    <context>
        <name>EntryDialog</name>
        <message>
            <source>Ledger entry</source>
            <translation>事件簿の記載</translation>
        </message>
        <message>
            <source>Matter</source>
            <translation>事件の名称</translation>
        </message>
        <message>
            <source>Remarks</source>
            <translation>備考</translation>
        </message>
    </context>
    <context>
        <name>FeeCorrections</name>
        <message>
            <source>Delete the payment of %1 received on %2? It stays in the case's history.</source>
            <translation>%2に受け取った%1の入金を削除しますか？案件の履歴には残ります。</translation>
        </message>
        <message>
            <source>Delete payment</source>
            <translation>入金の削除</translation>
        </message>
    </context>
    <context>
        <name>FeeLineDialog</name>
        <message>
            <source>Add fee line</source>
            <translation>報酬・実費の追加</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>種別</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>Amount (excl. tax)</source>
            <translation>金額（税抜）</translation>
        </message>
        <message>
            <source>Tax rate</source>
            <translation>税率</translation>
        </message>
    </context>
    <context>
        <name>FeeLineTableModel</name>
        <message>
            <source>Kind</source>
            <translation>種別</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>Tax rate</source>
            <translation>税率</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金額</translation>
        </message>
        <message>
            <source>Fee</source>
            <translation>報酬</translation>
        </message>
        <message>
            <source>Expense (taxed)</source>
            <translation>実費（課税）</translation>
        </message>
        <message>
            <source>Advance (立替金)</source>
            <translation>立替金</translation>
        </message>
        <message>
            <source>not taxed</source>
            <translation>不課税</translation>
        </message>
    </context>
    <context>
        <name>FeesPane</name>
        <message>
            <source>Accept (number)…</source>
            <translation>受託（番号を付ける）…</translation>
        </message>
        <message>
            <source>Edit entry…</source>
            <translation>記載を編集…</translation>
        </message>
        <message>
            <source>Add fee line…</source>
            <translation>報酬・実費を追加…</translation>
        </message>
        <message>
            <source>Remove line</source>
            <translation>行を削除</translation>
        </message>
        <message>
            <source>Invoice…</source>
            <translation>請求書…</translation>
        </message>
        <message>
            <source>Receipt…</source>
            <translation>領収証…</translation>
        </message>
        <message>
            <source>Record payment…</source>
            <translation>入金を記録…</translation>
        </message>
        <message>
            <source>Not in the ledger yet.</source>
            <translation>事件簿にまだ記載されていません。</translation>
        </message>
        <message>
            <source>Ledger %1: No. %2, accepted %3</source>
            <translation>%1年の事件簿：受託番号 %2、受託日 %3</translation>
        </message>
        <message>
            <source> (year closed on %1: read-only)</source>
            <translation>（%1に閉鎖済み：変更できません）</translation>
        </message>
        <message>
            <source>No fee</source>
            <translation>報酬なし</translation>
        </message>
        <message>
            <source>Unpaid</source>
            <translation>未入金</translation>
        </message>
        <message>
            <source>Part paid</source>
            <translation>一部入金</translation>
        </message>
        <message>
            <source>Paid</source>
            <translation>入金済</translation>
        </message>
        <message>
            <source>Fees %1 · tax %2 · advances %3 · total %4 · received %5 — %6</source>
            <translation>報酬・実費 %1 · 消費税 %2 · 立替金 %3 · 合計 %4 · 入金 %5 — %6</translation>
        </message>
        <message>
            <source>Enter this case in the ledger as accepted on %1?</source>
            <translation>この案件を%1受託として事件簿に記載しますか？</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>受託</translation>
        </message>
        <message>
            <source>Delete payment…</source>
            <translation>入金を削除…</translation>
        </message>
    </context>
    <context>
        <name>FilterPane</name>
        <message>
            <source>Readiness</source>
            <translation>状況</translation>
        </message>
        <message>
            <source>All levels</source>
            <translation>すべての状況</translation>
        </message>
        <message>
            <source>Bureau</source>
            <translation>申請先</translation>
        </message>
        <message>
            <source>Status of residence</source>
            <translation>在留資格</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>所属機関</translation>
        </message>
        <message>
            <source>Assignee</source>
            <translation>担当者</translation>
        </message>
        <message>
            <source>Show closed cases</source>
            <translation>終了した案件も表示</translation>
        </message>
        <message>
            <source>Entered, denied, withdrawn, expired unused or archived cases</source>
            <translation>入国済、不交付、取下げ、未使用のまま期限切れ、アーカイブ済みの案件</translation>
        </message>
        <message>
            <source>Reset filters</source>
            <translation>絞り込みを解除</translation>
        </message>
        <message>
            <source>All bureaus</source>
            <translation>すべての申請先</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>すべての在留資格</translation>
        </message>
        <message>
            <source>All clients</source>
            <translation>すべての所属機関</translation>
        </message>
        <message>
            <source>(nobody)</source>
            <translation>（担当者なし）</translation>
        </message>
        <message>
            <source>Everyone</source>
            <translation>全員</translation>
        </message>
        <message>
            <source>Unpaid only</source>
            <translation>未入金のみ</translation>
        </message>
        <message>
            <source>Cases with fees still to be received</source>
            <translation>報酬の入金が済んでいない案件</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>申請種別</translation>
        </message>
        <message>
            <source>All procedures</source>
            <translation>すべての申請種別</translation>
        </message>
        <message>
            <source>Card details missing</source>
            <translation>在留カード情報なし</translation>
        </message>
        <message>
            <source>Entered cases whose residence card expiry is not recorded yet</source>
            <translation>入国済で在留期限がまだ記録されていない案件</translation>
        </message>
    </context>
    <context>
        <name>HistoryTableModel</name>
        <message>
            <source>created</source>
            <translation>作成</translation>
        </message>
        <message>
            <source>changed</source>
            <translation>変更</translation>
        </message>
        <message>
            <source>deleted</source>
            <translation>削除</translation>
        </message>
        <message>
            <source>archived</source>
            <translation>アーカイブ</translation>
        </message>
        <message>
            <source>brought back</source>
            <translation>アーカイブから復帰</translation>
        </message>
        <message>
            <source>case</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>applicant</source>
            <translation>申請人</translation>
        </message>
        <message>
            <source>client</source>
            <translation>所属機関</translation>
        </message>
        <message>
            <source>inquiry</source>
            <translation>問合せ</translation>
        </message>
        <message>
            <source>document request</source>
            <translation>資料提出通知</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>受託番号</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>所属機関</translation>
        </message>
        <message>
            <source>Status of residence</source>
            <translation>在留資格</translation>
        </message>
        <message>
            <source>Bureau</source>
            <translation>申請先</translation>
        </message>
        <message>
            <source>Review department</source>
            <translation>審査部門</translation>
        </message>
        <message>
            <source>Department phone</source>
            <translation>審査部門の電話</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>方法</translation>
        </message>
        <message>
            <source>Filing date</source>
            <translation>申請日</translation>
        </message>
        <message>
            <source>Application no.</source>
            <translation>申請番号</translation>
        </message>
        <message>
            <source>Planned entry</source>
            <translation>入国予定日</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>進捗</translation>
        </message>
        <message>
            <source>Assignee</source>
            <translation>担当者</translation>
        </message>
        <message>
            <source>COE issued</source>
            <translation>交付日（作成日）</translation>
        </message>
        <message>
            <source>COE delivery</source>
            <translation>証明書の受領方法</translation>
        </message>
        <message>
            <source>Sent to applicant</source>
            <translation>申請人への送付日</translation>
        </message>
        <message>
            <source>Visa applied</source>
            <translation>査証申請日</translation>
        </message>
        <message>
            <source>Entered Japan</source>
            <translation>入国日</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation>処分日</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>備考</translation>
        </message>
        <message>
            <source>Archived</source>
            <translation>アーカイブ</translation>
        </message>
        <message>
            <source>When</source>
            <translation>日時</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部門</translation>
        </message>
        <message>
            <source>Bureau staff</source>
            <translation>応対した職員</translation>
        </message>
        <message>
            <source>Made by</source>
            <translation>問合せ者</translation>
        </message>
        <message>
            <source>Question</source>
            <translation>質問</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>回答</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>問合せの理由</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>結果</translation>
        </message>
        <message>
            <source>Follow up on</source>
            <translation>再確認日</translation>
        </message>
        <message>
            <source>Notice dated</source>
            <translation>通知日</translation>
        </message>
        <message>
            <source>Received on</source>
            <translation>受領日</translation>
        </message>
        <message>
            <source>Deadline (as printed)</source>
            <translation>提出期限（通知書の記載）</translation>
        </message>
        <message>
            <source>Requested documents</source>
            <translation>求められた資料</translation>
        </message>
        <message>
            <source>Examiner</source>
            <translation>審査担当者</translation>
        </message>
        <message>
            <source>Extension asked on</source>
            <translation>延長を申し出た日</translation>
        </message>
        <message>
            <source>New deadline</source>
            <translation>新しい期限</translation>
        </message>
        <message>
            <source>Agreed by</source>
            <translation>了承した担当者</translation>
        </message>
        <message>
            <source>Submitted on</source>
            <translation>提出日</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>提出方法</translation>
        </message>
        <message>
            <source>Tracking number</source>
            <translation>追跡番号</translation>
        </message>
        <message>
            <source>Imported</source>
            <translation>取込み</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>はい</translation>
        </message>
        <message>
            <source>No</source>
            <translation>いいえ</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>操作者</translation>
        </message>
        <message>
            <source>What</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>項目</translation>
        </message>
        <message>
            <source>Before</source>
            <translation>変更前</translation>
        </message>
        <message>
            <source>After</source>
            <translation>変更後</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>申請種別</translation>
        </message>
        <message>
            <source>voided</source>
            <translation>無効にしました</translation>
        </message>
        <message>
            <source>payment</source>
            <translation>入金</translation>
        </message>
        <message>
            <source>invoice</source>
            <translation>請求書</translation>
        </message>
        <message>
            <source>receipt</source>
            <translation>領収証</translation>
        </message>
        <message>
            <source>Representative</source>
            <translation>代理人</translation>
        </message>
        <message>
            <source>Relationship</source>
            <translation>申請人との関係</translation>
        </message>
        <message>
            <source>Representative's prefecture</source>
            <translation>代理人の都道府県</translation>
        </message>
        <message>
            <source>Representative's address</source>
            <translation>代理人の住所</translation>
        </message>
        <message>
            <source>Voided on</source>
            <translation>無効にした日</translation>
        </message>
        <message>
            <source>Reason for voiding</source>
            <translation>無効の理由</translation>
        </message>
    </context>
    <context>
        <name>InquiriesPane</name>
        <message>
            <source>Log inquiry…</source>
            <translation>問合せを記録…</translation>
        </message>
        <message>
            <source>Record a call or visit to the bureau (Ctrl+I)</source>
            <translation>申請先への電話や来庁を記録します（Ctrl+I）</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>編集…</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>削除…</translation>
        </message>
        <message>
            <source>Select an inquiry to read the whole exchange.</source>
            <translation>問合せを選択すると、やり取りの全文を表示します。</translation>
        </message>
        <message>
            <source>Log inquiry</source>
            <translation>問合せの記録</translation>
        </message>
        <message>
            <source>Edit inquiry</source>
            <translation>問合せの編集</translation>
        </message>
        <message>
            <source>Delete the inquiry of %1? The history keeps a note of it.</source>
            <translation>%1 の問合せを削除しますか？削除したことは履歴に残ります。</translation>
        </message>
        <message>
            <source>Delete inquiry</source>
            <translation>問合せの削除</translation>
        </message>
        <message>
            <source>When</source>
            <translation>日時</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>方法</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部門</translation>
        </message>
        <message>
            <source>Bureau staff</source>
            <translation>応対した職員</translation>
        </message>
        <message>
            <source>Made by</source>
            <translation>問合せ者</translation>
        </message>
        <message>
            <source>Question</source>
            <translation>質問</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>回答</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>問合せの理由</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>結果</translation>
        </message>
        <message>
            <source>Follow up on</source>
            <translation>再確認日</translation>
        </message>
        <message>
            <source>Question:</source>
            <translation>質問：</translation>
        </message>
        <message>
            <source>Answer:</source>
            <translation>回答：</translation>
        </message>
    </context>
    <context>
        <name>InquiryDialog</name>
        <message>
            <source>When</source>
            <translation>日時</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>方法</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部門</translation>
        </message>
        <message>
            <source>Who answered at the bureau</source>
            <translation>申請先で応対した職員</translation>
        </message>
        <message>
            <source>Bureau staff</source>
            <translation>応対した職員</translation>
        </message>
        <message>
            <source>Made by</source>
            <translation>問合せ者</translation>
        </message>
        <message>
            <source>The bureau answers questions about a specific matter only, not about progress or timing. A call from the bureau starts no pause between inquiries.</source>
            <translation>入管は個別の事項についての問合せにのみ答え、審査の進み具合や時期には答えません。入管からの連絡（着信）は問合せの間隔に数えません。</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>問合せの理由</translation>
        </message>
        <message>
            <source>e.g. 3月5日提出の資料は届いていますか</source>
            <translation>例：3月5日提出の資料は届いていますか</translation>
        </message>
        <message>
            <source>Question</source>
            <translation>質問</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>回答</translation>
        </message>
        <message>
            <source>(not recorded)</source>
            <translation>（未記録）</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>結果</translation>
        </message>
        <message>
            <source>Follow up on</source>
            <translation>再確認日</translation>
        </message>
        <message>
            <source>Enter the day of the inquiry.</source>
            <translation>問合せの日付を入力してください。</translation>
        </message>
        <message>
            <source>Write the question, the answer or the outcome: the inquiry is empty.</source>
            <translation>質問・回答・結果のいずれかを入力してください（問合せの内容が空です）。</translation>
        </message>
        <message>
            <source>The follow-up date is before the inquiry: check the year.</source>
            <translation>次回確認日が問合せ日より前です。年を確認してください。</translation>
        </message>
    </context>
    <context>
        <name>InquiryTableModel</name>
        <message>
            <source>When</source>
            <translation>日時</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>結果</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>方法</translation>
        </message>
        <message>
            <source>Department / staff</source>
            <translation>部門・担当者</translation>
        </message>
        <message>
            <source>Made by</source>
            <translation>問合せ者</translation>
        </message>
        <message>
            <source>Follow-up</source>
            <translation>再確認日</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>回答</translation>
        </message>
    </context>
    <context>
        <name>IssuedDocumentTableModel</name>
        <message>
            <source>Number</source>
            <translation>番号</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>書類</translation>
        </message>
        <message>
            <source>Issued</source>
            <translation>発行日</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金額</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状態</translation>
        </message>
        <message>
            <source>Invoice</source>
            <translation>請求書</translation>
        </message>
        <message>
            <source>Receipt</source>
            <translation>領収証</translation>
        </message>
        <message>
            <source>Valid</source>
            <translation>有効</translation>
        </message>
        <message>
            <source>Void since %1: %2</source>
            <translation>%1から無効：%2</translation>
        </message>
    </context>
    <context>
        <name>IssuedDocumentsBox</name>
        <message>
            <source>Invoices and receipts issued</source>
            <translation>発行した請求書・領収証</translation>
        </message>
        <message>
            <source>Void…</source>
            <translation>無効にする…</translation>
        </message>
        <message>
            <source>%1 is already void.</source>
            <translation>%1は既に無効です。</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>Preparing</source>
            <translation>準備中</translation>
        </message>
        <message>
            <source>Filed</source>
            <translation>申請済</translation>
        </message>
        <message>
            <source>Documents requested</source>
            <translation>資料提出通知</translation>
        </message>
        <message>
            <source>Documents submitted</source>
            <translation>資料提出済</translation>
        </message>
        <message>
            <source>Certificate issued</source>
            <translation>交付済</translation>
        </message>
        <message>
            <source>Sent to applicant</source>
            <translation>送付済</translation>
        </message>
        <message>
            <source>Visa applied for</source>
            <translation>査証申請済</translation>
        </message>
        <message>
            <source>Entered Japan</source>
            <translation>入国済</translation>
        </message>
        <message>
            <source>Denied</source>
            <translation>不交付</translation>
        </message>
        <message>
            <source>Withdrawn</source>
            <translation>取下げ</translation>
        </message>
        <message>
            <source>Expired unused</source>
            <translation>期限切れ</translation>
        </message>
        <message>
            <source>Counter</source>
            <translation>窓口</translation>
        </message>
        <message>
            <source>Online system</source>
            <translation>オンライン</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>電話</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>メール</translation>
        </message>
        <message>
            <source>Under review (審査中)</source>
            <translation>審査中</translation>
        </message>
        <message>
            <source>Documents to be requested (資料提出通知予定)</source>
            <translation>資料提出通知予定</translation>
        </message>
        <message>
            <source>Could not get through (つながらず)</source>
            <translation>つながらず</translation>
        </message>
        <message>
            <source>Did the documents arrive?</source>
            <translation>提出資料の到着確認</translation>
        </message>
        <message>
            <source>Has the result been sent?</source>
            <translation>結果の発送確認</translation>
        </message>
        <message>
            <source>Start date near</source>
            <translation>入国・就労開始日が近い</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>その他</translation>
        </message>
        <message>
            <source>Call from the bureau</source>
            <translation>入管からの連絡（着信）</translation>
        </message>
        <message>
            <source>Specific matters only</source>
            <translation>個別の事項のみ問合せ可</translation>
        </message>
        <message>
            <source>Result sent (結果発送済)</source>
            <translation>結果発送済</translation>
        </message>
        <message>
            <source>No answer given (回答不可)</source>
            <translation>回答不可</translation>
        </message>
        <message>
            <source>Other (その他)</source>
            <translation>その他</translation>
        </message>
        <message>
            <source>At the counter only</source>
            <translation>窓口のみ</translation>
        </message>
        <message>
            <source>No progress inquiries</source>
            <translation>進捗の問合せ不可</translation>
        </message>
        <message>
            <source>Post</source>
            <translation>郵送</translation>
        </message>
        <message>
            <source>Online system (追完)</source>
            <translation>オンライン（追完）</translation>
        </message>
        <message>
            <source>Certificate of Eligibility (在留資格認定)</source>
            <translation>在留資格認定</translation>
        </message>
        <message>
            <source>Extension of period of stay (在留期間更新)</source>
            <translation>在留期間更新</translation>
        </message>
        <message>
            <source>Certificate of Eligibility</source>
            <translation>在留資格認定</translation>
        </message>
        <message>
            <source>Extension of period of stay</source>
            <translation>在留期間更新</translation>
        </message>
        <message>
            <source>Change of status</source>
            <translation>在留資格変更</translation>
        </message>
        <message>
            <source>COE</source>
            <translation>認定</translation>
        </message>
        <message>
            <source>Extension</source>
            <translation>更新</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>変更</translation>
        </message>
        <message>
            <source>Paper</source>
            <translation>紙（郵送）</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>男性</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>女性</translation>
        </message>
        <message>
            <source>Unspecified</source>
            <translation>未指定</translation>
        </message>
        <message>
            <source>Change of status (在留資格変更)</source>
            <translation>在留資格変更</translation>
        </message>
        <message>
            <source>Documents arrived (資料到着確認)</source>
            <translation>資料到着確認</translation>
        </message>
    </context>
    <context>
        <name>Ledger</name>
        <message>
            <source>The numbering pattern must contain {{seq}} and may use only {{year}}, {{era_year}} and {{era}}, for example R{{era_year}}-{{seq:03}}.</source>
            <translation>番号の形式には {{seq}} が必要で、ほかに使えるのは {{year}}、{{era_year}}、{{era}} だけです（例：R{{era_year}}-{{seq:03}}）。</translation>
        </message>
        <message>
            <source>A registration number is T followed by 13 digits, for example T1234567890123.</source>
            <translation>登録番号は T に続く13桁の数字です（例：T1234567890123）。</translation>
        </message>
        <message>
            <source>The 13 digits of a corporation's registration number are its corporate number; its check digit does not match. Please check the number.</source>
            <translation>法人の登録番号の13桁は法人番号ですが、チェックデジットが合いません。番号を確認してください。</translation>
        </message>
        <message>
            <source>An amount cannot be negative.</source>
            <translation>金額にマイナスは入力できません。</translation>
        </message>
        <message>
            <source>The tax rate must be 10 %, 8 % or 0 %.</source>
            <translation>税率は10%、8%、0%のいずれかにしてください。</translation>
        </message>
        <message>
            <source>Every fee line needs a description.</source>
            <translation>報酬・実費の各行に内容を入力してください。</translation>
        </message>
        <message>
            <source>A payment must be more than ¥0.</source>
            <translation>入金額は0円より大きくしてください。</translation>
        </message>
        <message>
            <source>The {year} ledger was closed on {date}: its entries are read-only; add a correction instead.</source>
            <translation>{year}年の事件簿は{date}に閉鎖されています。記載は変更できません。訂正を追記してください。</translation>
        </message>
        <message>
            <source>Please say why the entry is corrected.</source>
            <translation>訂正の理由を入力してください。</translation>
        </message>
        <message>
            <source>The {year} ledger can be closed only after {date}.</source>
            <translation>{year}年の事件簿は{date}より後でなければ閉鎖できません。</translation>
        </message>
        <message>
            <source>This case is in the {year} ledger, closed on {closed}; it must be kept until {date}.</source>
            <translation>この案件は{closed}に閉鎖した{year}年の事件簿に記載されています。{date}まで保存が必要です。</translation>
        </message>
        <message>
            <source>A receipt was issued for this case; it must be kept until {date}.</source>
            <translation>この案件には領収証を発行しています。{date}まで保存が必要です。</translation>
        </message>
        <message>
            <source>This case has no fee lines to invoice yet.</source>
            <translation>この案件には請求する報酬・実費がまだありません。</translation>
        </message>
        <message>
            <source>Nothing has been received for this case: no receipt to issue.</source>
            <translation>この案件の入金はまだないため、領収証は発行できません。</translation>
        </message>
        <message>
            <source>Please say why the document is voided.</source>
            <translation>無効にする理由を入力してください。</translation>
        </message>
        <message>
            <source>The reason is too long (at most 500 characters).</source>
            <translation>理由が長すぎます（500文字まで）。</translation>
        </message>
        <message>
            <source>{number} was already voided on {date}.</source>
            <translation>{number}は{date}に既に無効にしています。</translation>
        </message>
    </context>
    <context>
        <name>LedgerActions</name>
        <message>
            <source>Le&amp;dger…</source>
            <translation>事件簿(&amp;D)…</translation>
        </message>
    </context>
    <context>
        <name>LedgerDialog</name>
        <message>
            <source>Matter ledger</source>
            <translation>事件簿</translation>
        </message>
        <message>
            <source>Year:</source>
            <translation>年：</translation>
        </message>
        <message>
            <source>&amp;Print…</source>
            <translation>印刷(&amp;P)…</translation>
        </message>
        <message>
            <source>&amp;Export…</source>
            <translation>書き出し(&amp;E)…</translation>
        </message>
        <message>
            <source>Add &amp;correction…</source>
            <translation>訂正を追記(&amp;C)…</translation>
        </message>
        <message>
            <source>C&amp;lose year…</source>
            <translation>年を閉鎖(&amp;L)…</translation>
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation>設定(&amp;S)…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>閉じる</translation>
        </message>
        <message>
            <source>Closed on %1; its cases are kept until %2.</source>
            <translation>%1に閉鎖済み。案件は%2まで保存します。</translation>
        </message>
        <message>
            <source>Open: entries can still be edited.</source>
            <translation>未閉鎖：記載を変更できます。</translation>
        </message>
        <message>
            <source>%1 matters · fees %2 · tax %3 · received %4</source>
            <translation>%1件 · 報酬 %2 · 消費税 %3 · 入金 %4</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excelブック (*.xlsx)</translation>
        </message>
        <message>
            <source>Export the ledger</source>
            <translation>事件簿の書き出し</translation>
        </message>
        <message>
            <source>Nothing was written: %1 cells hold characters this file cannot store.</source>
            <translation>何も書き出していません：%1個のセルに、このファイルに保存できない文字があります。</translation>
        </message>
        <message>
            <source>Could not write %1: %2</source>
            <translation>%1 を書き込めませんでした：%2</translation>
        </message>
        <message>
            <source>Select a line of the ledger first.</source>
            <translation>先に事件簿の行を選択してください。</translation>
        </message>
        <message>
            <source>Close the %1 ledger today (%2)? Its entries become read-only (changes are added as corrections), and its cases must be kept until %3.</source>
            <translation>%1年の事件簿を今日（%2）閉鎖しますか？記載は変更できなくなり（変更は訂正として追記します）、案件は%3まで保存が必要になります。</translation>
        </message>
        <message>
            <source>Close the ledger year</source>
            <translation>事件簿の閉鎖</translation>
        </message>
    </context>
    <context>
        <name>LedgerSettingsDialog</name>
        <message>
            <source>Ledger settings</source>
            <translation>事件簿の設定</translation>
        </message>
        <message>
            <source>Calendar year (January–December)</source>
            <translation>暦年（1月〜12月）</translation>
        </message>
        <message>
            <source>Fiscal year (April–March)</source>
            <translation>年度（4月〜翌年3月）</translation>
        </message>
        <message>
            <source>Sole practitioner</source>
            <translation>個人事務所</translation>
        </message>
        <message>
            <source>Administrative scrivener corporation</source>
            <translation>行政書士法人</translation>
        </message>
        <message>
            <source>Numbering pattern</source>
            <translation>受託番号の形式</translation>
        </message>
        <message>
            <source>{era_year}: era year, {year}: year, {seq:03}: number with 3 digits</source>
            <translation>{era_year}：和暦の年、{year}：西暦の年、{seq:03}：3桁の連番</translation>
        </message>
        <message>
            <source>Ledger year</source>
            <translation>事件簿の年の区切り</translation>
        </message>
        <message>
            <source>Office form</source>
            <translation>事務所の形態</translation>
        </message>
        <message>
            <source>Invoice registration number</source>
            <translation>登録番号（適格請求書発行事業者）</translation>
        </message>
    </context>
    <context>
        <name>LedgerTableModel</name>
        <message>
            <source>Acceptance No.</source>
            <translation>受託番号</translation>
        </message>
        <message>
            <source>Date accepted</source>
            <translation>受託年月日</translation>
        </message>
        <message>
            <source>Matter</source>
            <translation>事件の名称</translation>
        </message>
        <message>
            <source>Client name</source>
            <translation>依頼者氏名</translation>
        </message>
        <message>
            <source>Client address</source>
            <translation>依頼者住所</translation>
        </message>
        <message>
            <source>Fee (excl. tax)</source>
            <translation>報酬額（税抜）</translation>
        </message>
        <message>
            <source>Tax</source>
            <translation>消費税額</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>受領額</translation>
        </message>
        <message>
            <source>Date completed</source>
            <translation>完了年月日</translation>
        </message>
        <message>
            <source>Remarks</source>
            <translation>備考</translation>
        </message>
        <message>
            <source>Corrected %1: %2 %3 → %4 (%5)</source>
            <translation>訂正 %1：%2 %3 → %4（%5）</translation>
        </message>
    </context>
    <context>
        <name>Level</name>
        <message>
            <source>Docs overdue</source>
            <translation>資料期限超過</translation>
        </message>
        <message>
            <source>COE expiring</source>
            <translation>証明書期限間近</translation>
        </message>
        <message>
            <source>Docs due</source>
            <translation>要資料提出</translation>
        </message>
        <message>
            <source>Ready to check</source>
            <translation>問合せ可</translation>
        </message>
        <message>
            <source>Missing info</source>
            <translation>未入力あり</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>結果待ち</translation>
        </message>
        <message>
            <source>Issued</source>
            <translation>交付済</translation>
        </message>
        <message>
            <source>Preparing</source>
            <translation>準備中</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>終了</translation>
        </message>
        <message>
            <source>A document request is past its deadline (or extended deadline).</source>
            <translation>資料提出通知の提出期限（延長後の期限）を過ぎています。</translation>
        </message>
        <message>
            <source>The certificate expires soon, has expired, or expires before the planned entry.</source>
            <translation>在留資格認定証明書の有効期限が近いか、切れているか、入国予定日より前に切れます。</translation>
        </message>
        <message>
            <source>A document request is open: submit the documents; do not call.</source>
            <translation>資料提出通知に未対応です。問合せではなく資料を提出してください。</translation>
        </message>
        <message>
            <source>A status check with the bureau is appropriate now.</source>
            <translation>出入国在留管理局へ審査状況を問い合わせてよい時期です。</translation>
        </message>
        <message>
            <source>Something needed is missing (application number, filing date, bureau, name).</source>
            <translation>必要な情報（申請番号、申請日、申請先、氏名）が足りません。</translation>
        </message>
        <message>
            <source>Filed and nothing due; not yet time to inquire.</source>
            <translation>申請済みで対応事項はありません。まだ問合せの時期ではありません。</translation>
        </message>
        <message>
            <source>Certificate issued and valid, not yet used.</source>
            <translation>在留資格認定証明書が交付され、有効期間内で未使用です。</translation>
        </message>
        <message>
            <source>Not filed yet.</source>
            <translation>まだ申請していません。</translation>
        </message>
        <message>
            <source>Entered, denied, withdrawn, expired unused, or archived.</source>
            <translation>入国済、不交付、取下げ、未使用のまま期限切れ、またはアーカイブ済みです。</translation>
        </message>
        <message>
            <source>Renewal due</source>
            <translation>更新期限間近</translation>
        </message>
        <message>
            <source>A residence card expires within the renewal window and no renewal is filed.</source>
            <translation>在留カードの期限が更新申請の受付期間に入り、更新申請がまだありません。</translation>
        </message>
        <message>
            <source>COE expired</source>
            <translation>証明書期限切れ</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>&amp;Archive case</source>
            <translation>案件をアーカイブ(&amp;A)</translation>
        </message>
        <message>
            <source>Opening the database…</source>
            <translation>データベースを開いています…</translation>
        </message>
        <message>
            <source>Opening the database: editing is possible in a moment…</source>
            <translation>データベースを開いています。まもなく編集できます…</translation>
        </message>
        <message>
            <source>Database: %1</source>
            <translation>データベース：%1</translation>
        </message>
        <message>
            <source>SAMPLE DATA</source>
            <translation>サンプルデータ</translation>
        </message>
        <message>
            <source>Loading cases…</source>
            <translation>案件を読み込んでいます…</translation>
        </message>
        <message>
            <source>%1 cases</source>
            <translation>%1件</translation>
        </message>
        <message>
            <source>%1 of %2 cases shown</source>
            <translation>%2件中%1件を表示</translation>
        </message>
        <message>
            <source>Bring back from &amp;archive</source>
            <translation>アーカイブから戻す(&amp;A)</translation>
        </message>
        <message>
            <source>Preparing the sample data…</source>
            <translation>サンプルデータを準備しています…</translation>
        </message>
        <message>
            <source>Someone else has saved this case since you opened it: when you save, you will see both versions and choose.</source>
            <translation>この案件は開いた後に他の人が保存しました。保存するときに両方の内容を表示しますので、どちらにするか選んでください。</translation>
        </message>
        <message>
            <source>Office server unreachable — retrying</source>
            <translation>事務所サーバーに接続できません — 再試行中</translation>
        </message>
        <message>
            <source>1 case</source>
            <translation>1件</translation>
        </message>
    </context>
    <context>
        <name>Operations</name>
        <message>
            <source>COE Tracker</source>
            <translation>COE Tracker</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>キャンセル</translation>
        </message>
    </context>
    <context>
        <name>OverviewPane</name>
        <message>
            <source>Edit…</source>
            <translation>編集…</translation>
        </message>
        <message>
            <source>Change the case's fields (Ctrl+Return)</source>
            <translation>案件の内容を編集します（Ctrl+Return）</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>理由</translation>
        </message>
        <message>
            <source>Recent inquiries</source>
            <translation>最近の問合せ</translation>
        </message>
        <message>
            <source>All inquiries…</source>
            <translation>すべての問合せ…</translation>
        </message>
        <message>
            <source>Call sheet</source>
            <translation>問合せシート</translation>
        </message>
        <message>
            <source>Application no.</source>
            <translation>申請番号</translation>
        </message>
        <message>
            <source>Filed</source>
            <translation>申請日</translation>
        </message>
        <message>
            <source>Bureau</source>
            <translation>申請先</translation>
        </message>
        <message>
            <source>Bureau phone</source>
            <translation>申請先の電話</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>審査部門</translation>
        </message>
        <message>
            <source>Department phone</source>
            <translation>審査部門の電話</translation>
        </message>
        <message>
            <source>Applicant</source>
            <translation>申請人</translation>
        </message>
        <message>
            <source>Kanji / kana</source>
            <translation>漢字・カナ</translation>
        </message>
        <message>
            <source>Nationality, born</source>
            <translation>国籍・地域、生年月日</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>所属機関</translation>
        </message>
        <message>
            <source>Filer</source>
            <translation>申請取次者</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>受託番号</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>進捗</translation>
        </message>
        <message>
            <source>Status of residence</source>
            <translation>在留資格</translation>
        </message>
        <message>
            <source>Filed via</source>
            <translation>申請方法</translation>
        </message>
        <message>
            <source>Assignee</source>
            <translation>担当者</translation>
        </message>
        <message>
            <source>Planned entry</source>
            <translation>入国予定日</translation>
        </message>
        <message>
            <source>COE issued</source>
            <translation>交付日（作成日）</translation>
        </message>
        <message>
            <source>COE delivery</source>
            <translation>証明書の受領方法</translation>
        </message>
        <message>
            <source>Sent to applicant</source>
            <translation>申請人への送付日</translation>
        </message>
        <message>
            <source>Visa applied</source>
            <translation>査証申請日</translation>
        </message>
        <message>
            <source>Entered Japan</source>
            <translation>入国日</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation>処分日</translation>
        </message>
        <message>
            <source>Passport</source>
            <translation>旅券番号</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>備考</translation>
        </message>
        <message>
            <source>%1 (archived)</source>
            <translation>%1（アーカイブ済み）</translation>
        </message>
        <message>
            <source>Next check: %1</source>
            <translation>次回問合せ日：%1</translation>
        </message>
        <message>
            <source>Deadline: %1</source>
            <translation>期限：%1</translation>
        </message>
        <message numerus="yes">
            <source>(%n business day(s) left)</source>
            <translation>
                <numerusform>（残り%n開庁日）</numerusform>
            </translation>
        </message>
        <message>
            <source>Certificate expires: %1</source>
            <translation>証明書の有効期限：%1</translation>
        </message>
        <message>
            <source>registration no. %1</source>
            <translation>行政書士登録番号 %1</translation>
        </message>
        <message>
            <source>(enter the office details in Settings)</source>
            <translation>（設定で事務所情報を入力してください）</translation>
        </message>
        <message>
            <source>No inquiry recorded yet.</source>
            <translation>問合せの記録はまだありません。</translation>
        </message>
        <message>
            <source>All inquiries (%1 more)…</source>
            <translation>すべての問合せ（ほか%1件）…</translation>
        </message>
        <message>
            <source>Met</source>
            <translation>条件を満たしています</translation>
        </message>
        <message>
            <source>Not met</source>
            <translation>条件を満たしていません</translation>
        </message>
        <message>
            <source>Start the renewal case</source>
            <translation>更新の案件を作成</translation>
        </message>
        <message>
            <source>Create the extension-of-stay case with this person, client and status</source>
            <translation>この方・所属機関・在留資格で在留期間更新の案件を作成します</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>申請種別</translation>
        </message>
        <message>
            <source>Residence card</source>
            <translation>在留カード</translation>
        </message>
        <message>
            <source>Special period (特例期間) until: %1</source>
            <translation>特例期間：%1 まで</translation>
        </message>
        <message>
            <source>expires %1</source>
            <translation>在留期限 %1</translation>
        </message>
        <message>
            <source>Representative (代理人)</source>
            <translation>代理人</translation>
        </message>
        <message>
            <source>%1, receipt not registered yet (受領登録)</source>
            <translation>%1（受領登録未了）</translation>
        </message>
        <message>
            <source>%1, receipt registered %2 (受領登録)</source>
            <translation>%1（%2 受領登録済）</translation>
        </message>
    </context>
    <context>
        <name>PaymentDialog</name>
        <message>
            <source>Record payment</source>
            <translation>入金の記録</translation>
        </message>
        <message>
            <source>Bank transfer</source>
            <translation>振込</translation>
        </message>
        <message>
            <source>Cash</source>
            <translation>現金</translation>
        </message>
        <message>
            <source>Date received</source>
            <translation>入金日</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金額</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>方法</translation>
        </message>
    </context>
    <context>
        <name>PaymentTableModel</name>
        <message>
            <source>Date</source>
            <translation>日付</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>方法</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金額</translation>
        </message>
    </context>
    <context>
        <name>Periods</name>
        <message>
            <source>{first}–{last}/{year}</source>
            <translation>{year}年{first}月～{last}月</translation>
        </message>
        <message>
            <source>{text} (as published)</source>
            <translation>{text}（公表時の表記）</translation>
        </message>
        <message>
            <source>{month}/{year}</source>
            <translation>{year}年{month}月</translation>
        </message>
    </context>
    <context>
        <name>PrintActions</name>
        <message>
            <source>&amp;Print case summary…</source>
            <translation>案件概要を印刷(&amp;P)…</translation>
        </message>
        <message>
            <source>Print &amp;call sheet…</source>
            <translation>問合せシートを印刷(&amp;C)…</translation>
        </message>
        <message>
            <source>Print case &amp;list…</source>
            <translation>案件一覧を印刷(&amp;L)…</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>印刷</translation>
        </message>
        <message>
            <source>Select a case in the list first.</source>
            <translation>先に一覧から案件を選択してください。</translation>
        </message>
        <message>
            <source>Cards whose renewal can be filed, for the client chosen in the filters (or all)</source>
            <translation>更新申請ができる在留カード（絞り込みで選んだ所属機関、または全件）</translation>
        </message>
        <message>
            <source>Print residence-card e&amp;xpiries…</source>
            <translation>在留期限一覧を印刷(&amp;X)…</translation>
        </message>
        <message>
            <source>Export residence-card expiries as CS&amp;V…</source>
            <translation>在留期限一覧を CSV に書き出し(&amp;V)…</translation>
        </message>
        <message>
            <source>Export residence-card expiries</source>
            <translation>在留期限一覧の書き出し</translation>
        </message>
        <message>
            <source>Wrote %1 rows to %2</source>
            <translation>%2 に %1件を書き出しました</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV ファイル (*.csv)</translation>
        </message>
        <message>
            <source>Preparing the document…</source>
            <translation>印刷する書類を作成しています…</translation>
        </message>
    </context>
    <context>
        <name>Printing</name>
        <message>
            <source>Phone</source>
            <translation>電話</translation>
        </message>
        <message>
            <source>Printed {time}</source>
            <translation>印刷日時 {time}</translation>
        </message>
        <message>
            <source>review department</source>
            <translation>審査部門</translation>
        </message>
        <message>
            <source>bureau switchboard</source>
            <translation>代表番号</translation>
        </message>
        <message>
            <source>{days} days elapsed</source>
            <translation>{days}日経過</translation>
        </message>
        <message>
            <source>(imported)</source>
            <translation>（取込み）</translation>
        </message>
        <message>
            <source>Next check: {date}</source>
            <translation>次回問合せ日：{date}</translation>
        </message>
        <message>
            <source>Document deadline: {date}</source>
            <translation>資料提出期限：{date}</translation>
        </message>
        <message>
            <source>({days} business days left)</source>
            <translation>（残り{days}開庁日）</translation>
        </message>
        <message>
            <source>Certificate valid until: {date}</source>
            <translation>証明書の有効期限：{date}</translation>
        </message>
        <message>
            <source>Case summary</source>
            <translation>案件概要</translation>
        </message>
        <message>
            <source>valid until {date}</source>
            <translation>有効期限 {date}</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>受託番号</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>所属機関</translation>
        </message>
        <message>
            <source>Applicant</source>
            <translation>申請人</translation>
        </message>
        <message>
            <source>Nationality</source>
            <translation>国籍・地域</translation>
        </message>
        <message>
            <source>Name (kanji)</source>
            <translation>氏名（漢字）</translation>
        </message>
        <message>
            <source>Name (kana)</source>
            <translation>氏名（カナ）</translation>
        </message>
        <message>
            <source>Passport</source>
            <translation>旅券番号</translation>
        </message>
        <message>
            <source>Status of residence</source>
            <translation>在留資格</translation>
        </message>
        <message>
            <source>Bureau</source>
            <translation>申請先</translation>
        </message>
        <message>
            <source>Department phone</source>
            <translation>審査部門の電話番号</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>方法</translation>
        </message>
        <message>
            <source>Filing date</source>
            <translation>申請日</translation>
        </message>
        <message>
            <source>Application number</source>
            <translation>申請番号</translation>
        </message>
        <message>
            <source>Planned entry</source>
            <translation>入国予定日</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>進捗</translation>
        </message>
        <message>
            <source>COE issued</source>
            <translation>交付日（作成日）</translation>
        </message>
        <message>
            <source>Assignee</source>
            <translation>担当者</translation>
        </message>
        <message>
            <source>Entry date</source>
            <translation>入国日</translation>
        </message>
        <message>
            <source>Readiness</source>
            <translation>状況</translation>
        </message>
        <message>
            <source>Notice</source>
            <translation>通知日</translation>
        </message>
        <message>
            <source>Requested documents</source>
            <translation>求められた資料</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>期限</translation>
        </message>
        <message>
            <source>Extended to</source>
            <translation>延長後の期限</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>提出日</translation>
        </message>
        <message>
            <source>Examiner</source>
            <translation>審査担当者</translation>
        </message>
        <message>
            <source>Document requests</source>
            <translation>資料提出通知</translation>
        </message>
        <message>
            <source>No document requests.</source>
            <translation>資料提出通知はありません。</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>日付</translation>
        </message>
        <message>
            <source>Department / staff</source>
            <translation>部門・担当者</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>結果</translation>
        </message>
        <message>
            <source>Answer in brief</source>
            <translation>回答の要旨</translation>
        </message>
        <message>
            <source>Inquiries</source>
            <translation>問合せ</translation>
        </message>
        <message>
            <source>No inquiries yet.</source>
            <translation>問合せの記録はまだありません。</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>備考</translation>
        </message>
        <message>
            <source>Scrivener</source>
            <translation>行政書士</translation>
        </message>
        <message>
            <source>Office</source>
            <translation>事務所</translation>
        </message>
        <message>
            <source>Registration no.</source>
            <translation>行政書士登録番号</translation>
        </message>
        <message>
            <source>Under review (審査中)</source>
            <translation>審査中</translation>
        </message>
        <message>
            <source>Documents arrived (資料到着確認)</source>
            <translation>資料到着確認</translation>
        </message>
        <message>
            <source>Result sent (結果発送済)</source>
            <translation>結果発送済</translation>
        </message>
        <message>
            <source>No answer given (回答不可)</source>
            <translation>回答不可</translation>
        </message>
        <message>
            <source>Could not get through (つながらず)</source>
            <translation>つながらず</translation>
        </message>
        <message>
            <source>Call sheet</source>
            <translation>問合せシート</translation>
        </message>
        <message>
            <source>No application number recorded</source>
            <translation>申請番号が未入力です</translation>
        </message>
        <message>
            <source>Call</source>
            <translation>問合せ先</translation>
        </message>
        <message>
            <source>Reason for this call</source>
            <translation>今回の問合せの理由</translation>
        </message>
        <message>
            <source>Name (romanised)</source>
            <translation>氏名（ローマ字）</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>生年月日</translation>
        </message>
        <message>
            <source>COE application (在留資格認定証明書交付申請)</source>
            <translation>在留資格認定証明書交付申請</translation>
        </message>
        <message>
            <source>Filer (申請取次者)</source>
            <translation>申請取次者</translation>
        </message>
        <message>
            <source>Office details not set: enter them in Settings.</source>
            <translation>事務所情報が未設定です。設定画面で入力してください。</translation>
        </message>
        <message>
            <source>Previous inquiries</source>
            <translation>これまでの問合せ</translation>
        </message>
        <message>
            <source>… and {count} earlier.</source>
            <translation>… ほか、それ以前の問合せ{count}件</translation>
        </message>
        <message>
            <source>This call</source>
            <translation>今回の問合せ</translation>
        </message>
        <message>
            <source>Date / time</source>
            <translation>日時</translation>
        </message>
        <message>
            <source>Called by</source>
            <translation>問合せ者</translation>
        </message>
        <message>
            <source>Who answered</source>
            <translation>応対者</translation>
        </message>
        <message>
            <source>(部門・担当者)</source>
            <translation>（部門・担当者）</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>回答</translation>
        </message>
        <message>
            <source>Next step</source>
            <translation>次の対応</translation>
        </message>
        <message>
            <source>Case list</source>
            <translation>案件一覧</translation>
        </message>
        <message>
            <source>{count} cases</source>
            <translation>{count}件</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>経過日数</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>状況</translation>
        </message>
        <message>
            <source>Next check</source>
            <translation>次回問合せ日</translation>
        </message>
        <message>
            <source>No cases.</source>
            <translation>案件はありません。</translation>
        </message>
        <message>
            <source>Could not write the PDF {path}: {reason}</source>
            <translation>PDF {path} を書き込めませんでした：{reason}</translation>
        </message>
        <message>
            <source>Page {page} of {pages}</source>
            <translation>{page} / {pages} ページ</translation>
        </message>
        <message>
            <source>nothing was written</source>
            <translation>何も書き込まれませんでした</translation>
        </message>
        <message>
            <source>Print preview: {title}</source>
            <translation>印刷プレビュー：{title}</translation>
        </message>
        <message>
            <source>Print preview</source>
            <translation>印刷プレビュー</translation>
        </message>
        <message>
            <source>Save as PDF…</source>
            <translation>PDF として保存…</translation>
        </message>
        <message>
            <source>Write these pages to a PDF file</source>
            <translation>これらのページを PDF ファイルに書き出します</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>印刷</translation>
        </message>
        <message>
            <source>Save as PDF</source>
            <translation>PDF として保存</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF ファイル (*.pdf)</translation>
        </message>
        <message>
            <source>No phone number recorded: see the receipt slip (申請受付票) and enter it in the case (Edit case › Department phone).</source>
            <translation>電話番号が未入力です。申請受付票を確認し、案件に入力してください（案件を編集 › 審査部門の電話）。</translation>
        </message>
        <message>
            <source>Registration No. {number}</source>
            <translation>行政書士登録番号 {number}</translation>
        </message>
        <message>
            <source>Matter ledger {year}</source>
            <translation>事件簿 {year}年</translation>
        </message>
        <message>
            <source>Acceptance No.</source>
            <translation>受託番号</translation>
        </message>
        <message>
            <source>Date accepted</source>
            <translation>受託年月日</translation>
        </message>
        <message>
            <source>Matter</source>
            <translation>事件の名称</translation>
        </message>
        <message>
            <source>Client name</source>
            <translation>依頼者氏名</translation>
        </message>
        <message>
            <source>Client address</source>
            <translation>依頼者住所</translation>
        </message>
        <message>
            <source>Fee (excl. tax)</source>
            <translation>報酬額（税抜）</translation>
        </message>
        <message>
            <source>Tax</source>
            <translation>消費税額</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>受領額</translation>
        </message>
        <message>
            <source>Date completed</source>
            <translation>完了年月日</translation>
        </message>
        <message>
            <source>Remarks</source>
            <translation>備考</translation>
        </message>
        <message>
            <source>Corrected {date}: {field} {old} → {new} ({reason})</source>
            <translation>訂正 {date}：{field} {old} → {new}（{reason}）</translation>
        </message>
        <message>
            <source>Total ({count} matters)</source>
            <translation>合計（{count}件）</translation>
        </message>
        <message>
            <source>Closed on {closed}; kept until {until}.</source>
            <translation>{closed}閉鎖、{until}まで保存。</translation>
        </message>
        <message>
            <source>Open (not closed).</source>
            <translation>未閉鎖。</translation>
        </message>
        <message>
            <source>Registration number (invoice): {number}</source>
            <translation>登録番号：{number}</translation>
        </message>
        <message>
            <source>To: {name}</source>
            <translation>{name} 御中</translation>
        </message>
        <message>
            <source>not taxed (advance)</source>
            <translation>不課税（立替金）</translation>
        </message>
        <message>
            <source>8 % (reduced rate) ※</source>
            <translation>8%（軽減税率）※</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>Tax rate</source>
            <translation>税率</translation>
        </message>
        <message>
            <source>Amount (excl. tax)</source>
            <translation>金額（税抜）</translation>
        </message>
        <message>
            <source>Subject to {rate} %: {amount}, tax {tax}</source>
            <translation>{rate}%対象 {amount}　消費税 {tax}</translation>
        </message>
        <message>
            <source>Consumption tax</source>
            <translation>消費税額合計</translation>
        </message>
        <message>
            <source>Per tax rate</source>
            <translation>税率ごとの合計</translation>
        </message>
        <message>
            <source>Advances (立替金, not taxed)</source>
            <translation>立替金（不課税）</translation>
        </message>
        <message>
            <source>Total (incl. tax and advances)</source>
            <translation>合計（税込・立替金含む）</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>合計</translation>
        </message>
        <message>
            <source>※ reduced rate</source>
            <translation>※は軽減税率対象</translation>
        </message>
        <message>
            <source>Invoice</source>
            <translation>請求書</translation>
        </message>
        <message>
            <source>Matter: {matter}</source>
            <translation>件名：{matter}</translation>
        </message>
        <message>
            <source>Amount billed: {amount}</source>
            <translation>ご請求金額：{amount}</translation>
        </message>
        <message>
            <source>Transaction date: {date}</source>
            <translation>取引年月日：{date}</translation>
        </message>
        <message>
            <source>No. {number}</source>
            <translation>番号：{number}</translation>
        </message>
        <message>
            <source>Date: {date}</source>
            <translation>発行日：{date}</translation>
        </message>
        <message>
            <source>Receipt</source>
            <translation>領収証</translation>
        </message>
        <message>
            <source>For: {matter}</source>
            <translation>但し {matter} として</translation>
        </message>
        <message>
            <source>Received with thanks.</source>
            <translation>上記正に領収いたしました。</translation>
        </message>
        <message>
            <source>Advances (立替金, not taxed): {amount}</source>
            <translation>立替金（不課税）{amount}</translation>
        </message>
        <message>
            <source>Breakdown</source>
            <translation>内訳</translation>
        </message>
        <message>
            <source>Revenue stamp</source>
            <translation>収入印紙</translation>
        </message>
        <message>
            <source>Residence cards expiring</source>
            <translation>在留期限一覧</translation>
        </message>
        <message>
            <source>People: {count}</source>
            <translation>{count}名</translation>
        </message>
        <message>
            <source>Cards expiring on or before {date}, as of {today}.</source>
            <translation>{date}までに在留期限を迎える方（{today}現在）。</translation>
        </message>
        <message>
            <source>Expiry (在留期限)</source>
            <translation>在留期限</translation>
        </message>
        <message>
            <source>Days left</source>
            <translation>残日数</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>氏名</translation>
        </message>
        <message>
            <source>Card no.</source>
            <translation>在留カード番号</translation>
        </message>
        <message>
            <source>Renewal</source>
            <translation>更新</translation>
        </message>
        <message>
            <source>No residence card expires in this period.</source>
            <translation>この期間に在留期限を迎える方はいません。</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>申請種別</translation>
        </message>
        <message>
            <source>Residence card (在留期限)</source>
            <translation>在留カード（在留期限）</translation>
        </message>
        <message>
            <source>Special period until</source>
            <translation>特例期間の終了日</translation>
        </message>
        <message>
            <source>Representative (代理人)</source>
            <translation>代理人</translation>
        </message>
        <message>
            <source>Representative's address</source>
            <translation>代理人の住所</translation>
        </message>
        <message>
            <source>Paper (a copy or scan is accepted for the visa and landing)</source>
            <translation>紙（査証申請・上陸審査には写し・スキャンでも可）</translation>
        </message>
        <message>
            <source>E-mail; receipt not registered yet (受領登録)</source>
            <translation>メール（受領登録未了）</translation>
        </message>
        <message>
            <source>E-mail; receipt registered {date} (受領登録)</source>
            <translation>メール（{date} 受領登録済）</translation>
        </message>
        <message>
            <source>COE delivery</source>
            <translation>証明書の受領方法</translation>
        </message>
    </context>
    <context>
        <name>Readiness</name>
        <message>
            <source>Nothing to do</source>
            <translation>対応は不要です</translation>
        </message>
        <message>
            <source>Closed: archived</source>
            <translation>終了：アーカイブ済み</translation>
        </message>
        <message>
            <source>Closed: the applicant has entered Japan</source>
            <translation>終了：申請人は入国済みです</translation>
        </message>
        <message>
            <source>Closed: denied</source>
            <translation>終了：不交付</translation>
        </message>
        <message>
            <source>Nothing to do; the reasons can be asked in person, and a new application is possible</source>
            <translation>対応は不要です。不交付の理由は窓口で聞くことができ、再申請も可能です</translation>
        </message>
        <message>
            <source>Closed: withdrawn</source>
            <translation>終了：取下げ</translation>
        </message>
        <message>
            <source>Closed: certificate expired unused</source>
            <translation>終了：証明書は未使用のまま期限切れ</translation>
        </message>
        <message>
            <source>Nothing to do; if the applicant still means to come, file anew</source>
            <translation>対応は不要です。申請人がまだ来日を希望する場合は、改めて申請してください</translation>
        </message>
        <message>
            <source>Not filed yet</source>
            <translation>未申請</translation>
        </message>
        <message>
            <source>File the application, then record the filing date and the application number</source>
            <translation>申請後、申請日と申請番号を入力してください</translation>
        </message>
        <message>
            <source>Certificate issued: issue date missing</source>
            <translation>交付済み：作成日が未入力</translation>
        </message>
        <message>
            <source>No issue date (作成日) recorded: the expiry cannot be computed</source>
            <translation>作成日が入力されていないため、有効期限を計算できません</translation>
        </message>
        <message>
            <source>Enter the issue date (作成日) printed on the certificate</source>
            <translation>証明書に記載された作成日を入力してください</translation>
        </message>
        <message>
            <source>No planned entry date recorded</source>
            <translation>入国予定日は未入力です</translation>
        </message>
        <message>
            <source>The certificate cannot be used or reissued: file a new application if the applicant still means to come</source>
            <translation>この証明書は使用も再発行もできません。申請人がまだ来日を希望する場合は、改めて申請してください</translation>
        </message>
        <message>
            <source>Certificate expired on {expiry}</source>
            <translation>証明書は{expiry}に期限切れ</translation>
        </message>
        <message>
            <source>Certificate expires {expiry}, before the planned entry {entry}</source>
            <translation>証明書の有効期限{expiry}が入国予定日{entry}より前です</translation>
        </message>
        <message>
            <source>Bring the entry forward: visa and landing must both be done by {expiry}, or a new application is needed</source>
            <translation>入国を早めてください。査証の取得と上陸を{expiry}までに済ませないと、再申請が必要になります</translation>
        </message>
        <message>
            <source>Certificate expires {expiry}: {days} days left</source>
            <translation>証明書の有効期限{expiry}：残り{days}日</translation>
        </message>
        <message>
            <source>Certificate valid until {expiry} ({days} days left)</source>
            <translation>証明書は{expiry}まで有効（残り{days}日）</translation>
        </message>
        <message>
            <source>Issued {issued}; valid {months} months → expires {expiry}</source>
            <translation>作成日{issued}、有効期間{months}か月 → 有効期限{expiry}</translation>
        </message>
        <message>
            <source>Planned entry {entry} is after the expiry {expiry}</source>
            <translation>入国予定日{entry}は有効期限{expiry}より後です</translation>
        </message>
        <message>
            <source>Planned entry {entry} is by the expiry {expiry}</source>
            <translation>入国予定日{entry}は有効期限{expiry}までです</translation>
        </message>
        <message>
            <source>Expired {days} days ago</source>
            <translation>{days}日前に期限切れ</translation>
        </message>
        <message>
            <source>{days} days left: within the {window}-day warning window</source>
            <translation>残り{days}日：期限前{window}日の警告期間内です</translation>
        </message>
        <message>
            <source>{days} days left; the {window}-day warning window opens on {date}</source>
            <translation>残り{days}日。期限前{window}日の警告期間は{date}からです</translation>
        </message>
        <message>
            <source>Forward the certificate to the applicant now: visa and landing must both be done by {expiry}</source>
            <translation>すぐに証明書を申請人へ送付してください。査証の取得と上陸を{expiry}までに済ませる必要があります</translation>
        </message>
        <message>
            <source>Forward the certificate to the applicant (paper by post, or the e-mail as received) before {expiry}</source>
            <translation>{expiry}より前に証明書を申請人へ送付してください（紙は郵送、電子メールは受信したものを転送）</translation>
        </message>
        <message>
            <source>Make sure the applicant applies for the visa now (about 5 working days) and lands by {expiry}</source>
            <translation>申請人がすぐに査証を申請し（約5営業日）、{expiry}までに上陸するよう確認してください</translation>
        </message>
        <message>
            <source>The applicant applies for the visa (about 5 working days) and lands by {expiry}</source>
            <translation>申請人が査証を申請し（約5営業日）、{expiry}までに上陸します</translation>
        </message>
        <message>
            <source>Make sure the applicant lands in Japan by {expiry}, then record the entry date</source>
            <translation>申請人が{expiry}までに入国するよう確認し、入国日を入力してください</translation>
        </message>
        <message>
            <source>Record the entry date once the applicant has landed (by {expiry})</source>
            <translation>申請人が入国したら入国日を入力してください（期限は{expiry}）</translation>
        </message>
        <message>
            <source>No document request</source>
            <translation>資料提出通知はありません</translation>
        </message>
        <message>
            <source>Every document request has been answered</source>
            <translation>資料提出通知はすべて提出済みです</translation>
        </message>
        <message>
            <source>Open document request: no deadline or notice date recorded</source>
            <translation>未提出の資料提出通知：提出期限も通知日も未入力です</translation>
        </message>
        <message>
            <source>Documents requested: no deadline recorded</source>
            <translation>資料提出通知あり：提出期限が未入力</translation>
        </message>
        <message>
            <source>Enter the deadline printed on the notice, and submit the documents by then</source>
            <translation>通知書に記載された提出期限を入力し、期限までに資料を提出してください</translation>
        </message>
        <message>
            <source>Contact the examiner named on the notice today, agree a new date and submit the documents</source>
            <translation>本日中に通知書記載の審査担当者に連絡して新しい期限を取り決め、資料を提出してください</translation>
        </message>
        <message>
            <source>Contact the examiner named on the notice today, agree a new date and submit the documents online (追完)</source>
            <translation>本日中に通知書記載の審査担当者に連絡して新しい期限を取り決め、オンラインで資料を提出（追完）してください</translation>
        </message>
        <message>
            <source>Open document request: deadline extended from {printed} to {deadline}</source>
            <translation>未提出の資料提出通知：提出期限を{printed}から{deadline}に延長済み</translation>
        </message>
        <message>
            <source>Open document request: deadline extended to {deadline}</source>
            <translation>未提出の資料提出通知：提出期限を{deadline}に延長済み</translation>
        </message>
        <message>
            <source>Open document request: deadline {deadline} as printed</source>
            <translation>未提出の資料提出通知：通知書記載の提出期限は{deadline}</translation>
        </message>
        <message>
            <source>Open document request: no deadline printed; notice of {notice} + {days} days → {deadline}</source>
            <translation>未提出の資料提出通知：提出期限の記載なし。通知日{notice}＋{days}日 → {deadline}</translation>
        </message>
        <message>
            <source>Deadline {deadline} passed {days} days ago</source>
            <translation>提出期限{deadline}を{days}日過ぎています</translation>
        </message>
        <message>
            <source>Documents overdue: the deadline was {deadline}</source>
            <translation>資料期限超過：提出期限は{deadline}でした</translation>
        </message>
        <message>
            <source>{days} business days left until {deadline}: due soon (within {soon})</source>
            <translation>提出期限{deadline}まで残り{days}開庁日：期限間近です（{soon}開庁日以内）</translation>
        </message>
        <message>
            <source>Documents due soon: {deadline}, {days} business days left</source>
            <translation>資料提出期限間近：{deadline}（残り{days}開庁日）</translation>
        </message>
        <message>
            <source>{days} business days left until {deadline}; due soon from {date}</source>
            <translation>提出期限{deadline}まで残り{days}開庁日。{date}から期限間近になります</translation>
        </message>
        <message>
            <source>Documents due {deadline}: {days} business days left</source>
            <translation>資料提出期限{deadline}：残り{days}開庁日</translation>
        </message>
        <message>
            <source>Submit the requested documents online (追完) by {deadline}</source>
            <translation>{deadline}までに求められた資料をオンラインで提出（追完）してください</translation>
        </message>
        <message>
            <source>The deadline {deadline} falls on a day the bureau is closed: the last counter day is {date}</source>
            <translation>提出期限{deadline}は閉庁日です：窓口で提出できる最終日は{date}です</translation>
        </message>
        <message>
            <source>Submit the requested documents by {date}, the last counter day before the deadline {deadline} (a closed day); if you cannot, agree a new date with the examiner before then</source>
            <translation>提出期限{deadline}は閉庁日のため、その前の開庁日{date}までに求められた資料を提出してください。間に合わない場合は、それまでに審査担当者と新しい期限を取り決めてください</translation>
        </message>
        <message>
            <source>Submit the requested documents by {deadline}; if you cannot, agree a new date with the examiner before then</source>
            <translation>{deadline}までに求められた資料を提出してください。間に合わない場合は、期限前に審査担当者と新しい期限を取り決めてください</translation>
        </message>
        <message>
            <source>Application number recorded</source>
            <translation>申請番号：入力済み</translation>
        </message>
        <message>
            <source>Application number missing</source>
            <translation>申請番号：未入力</translation>
        </message>
        <message>
            <source>Enter the application number from the receipt slip (or the online system's e-mail)</source>
            <translation>申請受付票（またはオンラインシステムからのメール）に記載された申請番号を入力してください</translation>
        </message>
        <message>
            <source>Filing date recorded</source>
            <translation>申請日：入力済み</translation>
        </message>
        <message>
            <source>Filing date missing</source>
            <translation>申請日：未入力</translation>
        </message>
        <message>
            <source>Enter the filing date from the receipt slip</source>
            <translation>申請受付票に記載された申請日を入力してください</translation>
        </message>
        <message>
            <source>Bureau recorded</source>
            <translation>申請先：入力済み</translation>
        </message>
        <message>
            <source>Bureau missing</source>
            <translation>申請先：未入力</translation>
        </message>
        <message>
            <source>Choose the bureau the application was filed with</source>
            <translation>申請した出入国在留管理局を選択してください</translation>
        </message>
        <message>
            <source>Applicant name recorded</source>
            <translation>申請人氏名：入力済み</translation>
        </message>
        <message>
            <source>Applicant name missing</source>
            <translation>申請人氏名：未入力</translation>
        </message>
        <message>
            <source>Enter the applicant's name as in the passport</source>
            <translation>申請人の氏名を旅券のとおりに入力してください</translation>
        </message>
        <message>
            <source>Application number, filing date, bureau and applicant name recorded</source>
            <translation>申請番号・申請日・申請先・申請人氏名はすべて入力済みです</translation>
        </message>
        <message>
            <source>Enter the missing identifiers listed below: nobody can inquire without them</source>
            <translation>下記の未入力項目を入力してください。これがないと問合せができません</translation>
        </message>
        <message>
            <source>Missing information: {count} identifiers</source>
            <translation>未入力あり：{count}項目</translation>
        </message>
        <message>
            <source>The bureau answers questions about a specific matter only (documents arrived, result sent, a near start date); it does not answer questions about progress or timing</source>
            <translation>入管は個別の事項（提出資料の到着、結果の発送、近づいた開始日）についての問合せにのみ答え、審査の進み具合や時期には答えません</translation>
        </message>
        <message>
            <source>The bureau answers questions about a specific matter at the counter only; it does not answer questions about progress or timing</source>
            <translation>入管は個別の事項についての問合せに窓口でのみ答え、審査の進み具合や時期には答えません</translation>
        </message>
        <message>
            <source>No inquiry policy recorded for the bureau: assuming questions about a specific matter only, as ISA asks</source>
            <translation>申請先の問合せ方針が未登録：入管の求めどおり、個別の事項についての問合せのみとみなします</translation>
        </message>
        <message>
            <source>No inquiry that reached the bureau</source>
            <translation>入管とつながった問合せの記録はありません</translation>
        </message>
        <message>
            <source>whether the result has been sent</source>
            <translation>結果が発送済みかどうか</translation>
        </message>
        <message>
            <source>the start date {date} that is near (ask whether a result can be expected before it)</source>
            <translation>近づいた開始日{date}（それまでに結果が出る見込みかを尋ねる）</translation>
        </message>
        <message>
            <source>whether the documents submitted on {date} have arrived</source>
            <translation>{date}に提出した資料が届いているかどうか</translation>
        </message>
        <message>
            <source>Check the online system first (free, not counted as an inquiry); if it does not settle it, ask the review department about one matter only: {matter}. Progress and timing are not answered</source>
            <translation>まずオンラインシステムで確認（無料。何度確認しても問合せ間隔に影響しません）。それで分からなければ、審査部門に一つの事項だけを問い合わせる：{matter}。進み具合や時期には回答されません</translation>
        </message>
        <message>
            <source>At the bureau's counter, with the application number, filing date and applicant's name, ask about one matter only: {matter}. Progress and timing are not answered</source>
            <translation>申請番号・申請日・申請人氏名を用意して、窓口で一つの事項だけを問い合わせる：{matter}。進み具合や時期には回答されません</translation>
        </message>
        <message>
            <source>Contact the review department on the receipt slip, with the application number, filing date and applicant's name, about one matter only: {matter}. Progress and timing are not answered</source>
            <translation>申請受付票に記載の審査部門に、申請番号・申請日・申請人氏名を用意して、一つの事項だけを問い合わせる：{matter}。進み具合や時期には回答されません</translation>
        </message>
        <message>
            <source>Wait for the result by post or e-mail; contact the department only about a specific matter</source>
            <translation>郵送またはメールで結果が届くのを待ってください。審査部門への連絡は具体的な用件がある場合に限ります</translation>
        </message>
        <message>
            <source>Check the online system for the status; the result comes by e-mail or post</source>
            <translation>審査状況はオンラインシステムで確認してください。結果はメールまたは郵送で届きます</translation>
        </message>
        <message>
            <source>No planned entry date: no urgency</source>
            <translation>入国予定日なし：急ぐ理由はありません</translation>
        </message>
        <message>
            <source>No inquiry logged</source>
            <translation>問合せの記録はありません</translation>
        </message>
        <message>
            <source>Nothing to do yet; results and document requests arrive by post or e-mail</source>
            <translation>現時点で対応は不要です。結果や資料提出通知は郵送またはメールで届きます</translation>
        </message>
        <message>
            <source>Nothing to do yet; the online system shows the progress and any document request (追完待ち)</source>
            <translation>現時点で対応は不要です。進捗や資料の提出依頼（追完待ち）はオンラインシステムに表示されます</translation>
        </message>
        <message>
            <source>The newest processing time for {status} is for {period}, more than {months} months ago: add the newer months in Settings (the date above may be too early or too late)</source>
            <translation>{status}の最新の処理期間は{period}分で、{months}か月より前です。設定で新しい月を追加してください（上の日付が早すぎるか遅すぎる可能性があります）</translation>
        </message>
        <message>
            <source>Filed {filed}, {elapsed} days ago; average for {status} is {average} days ({period}) × {factor} = {threshold} days → ready from {date}</source>
            <translation>申請日{filed}（{elapsed}日経過）。{status}の平均処理日数{average}日（{period}）× {factor} = {threshold}日 → {date}から問合せ可</translation>
        </message>
        <message>
            <source>Filed {filed}, {elapsed} days ago; no published figure for {status}, using {average} days × {factor} = {threshold} days → ready from {date}</source>
            <translation>申請日{filed}（{elapsed}日経過）。{status}の公表値がないため{average}日を使用 × {factor} = {threshold}日 → {date}から問合せ可</translation>
        </message>
        <message>
            <source>Filed {filed}, {elapsed} days ago; no status of residence recorded, no published figure, using {average} days × {factor} = {threshold} days → ready from {date}</source>
            <translation>申請日{filed}（{elapsed}日経過）。在留資格が未入力で公表値がないため{average}日を使用 × {factor} = {threshold}日 → {date}から問合せ可</translation>
        </message>
        <message>
            <source>{bureau} takes no progress inquiries: results and document requests arrive by post or e-mail</source>
            <translation>{bureau}は進捗の問合せに応じません。結果や資料提出通知は郵送またはメールで届きます</translation>
        </message>
        <message>
            <source>Waiting for the result: {bureau} takes no progress inquiries</source>
            <translation>結果待ち：{bureau}は進捗の問合せに応じません</translation>
        </message>
        <message>
            <source>Planned entry {entry}: a check is justified from {date}, the later of {threshold} days after filing (× {factor}) and {window} days before entry</source>
            <translation>入国予定日{entry}：申請から{threshold}日後（× {factor}）と入国の{window}日前の遅いほう、{date}から問合せが妥当です</translation>
        </message>
        <message>
            <source>Planned entry {entry} has passed — agree a new date with the client</source>
            <translation>入国予定日{entry}を過ぎています — 新しい予定日を所属機関と決めてください</translation>
        </message>
        <message>
            <source>Documents submitted {last} + {days} days' cool-down → no inquiry before {date}</source>
            <translation>資料提出日{last}＋間隔{days}日 → {date}より前は問合せしない</translation>
        </message>
        <message>
            <source>Ready for a status check: the planned entry {entry} is near</source>
            <translation>問合せ可：入国予定日{entry}が近づいています</translation>
        </message>
        <message>
            <source>Ready for a status check: filed {days} days ago</source>
            <translation>問合せ可：申請から{days}日経過</translation>
        </message>
        <message>
            <source>Waiting until {date} ({days} days)</source>
            <translation>{date}まで待機（あと{days}日）</translation>
        </message>
        <message>
            <source>Last answered inquiry {last} gave no new reason since the one on {previous}: {days} days' pause (doubled) → no new inquiry before {date}</source>
            <translation>最終問合せ{last}は{previous}の問合せと同じ理由：間隔{days}日（2倍）→ {date}より前は再度問合せしない</translation>
        </message>
        <message>
            <source>Last inquiry {last} + {days} days' cool-down → no new inquiry before {date}</source>
            <translation>最終問合せ日{last}＋間隔{days}日 → {date}より前は再度問合せしない</translation>
        </message>
        <message>
            <source>The inquiry of {on} set a follow-up date: no new inquiry before {date}</source>
            <translation>{on}の問合せで再確認日を設定：{date}より前は再度問合せしない</translation>
        </message>
        <message>
            <source>Calls that did not get through and calls from the bureau: {count}; they start no pause</source>
            <translation>つながらなかった問合せと入管からの連絡：{count}件。問合せ間隔には数えません</translation>
        </message>
        <message>
            <source>Online-system checks logged: {count}, the last on {last}; they cost the examiners nothing and start no cool-down</source>
            <translation>オンラインシステムでの確認記録：{count}回（最終{last}）。何度確認しても問合せ間隔に影響しません</translation>
        </message>
        <message>
            <source>Make sure the applicant registers receipt (受領登録) through the e-mailed URL before applying for the visa, and record it here; visa (about {visa} working days) and landing by {expiry}</source>
            <translation>査証申請の前に、申請人がメール記載のURLから受領登録を済ませたか確かめ、ここに記録してください。査証（約{visa}営業日）と上陸は{expiry}まで</translation>
        </message>
        <message>
            <source>Electronic certificate: the applicant registered receipt (受領登録) on {date}</source>
            <translation>電子の証明書：申請人が{date}に受領登録済</translation>
        </message>
        <message>
            <source>Electronic certificate: receipt not registered (受領登録) yet; it cannot be used for the visa or at landing until the applicant registers it</source>
            <translation>電子の証明書：受領登録が未了です。申請人が受領登録するまで、査証申請にも上陸審査にも使えません</translation>
        </message>
        <message>
            <source>The applicant registered receipt (受領登録) on {registered}: record the certificate as sent; the visa takes about {visa} working days, landing by {expiry}</source>
            <translation>申請人は{registered}に受領登録済です。証明書を送付済として記録してください。査証は約{visa}営業日、上陸は{expiry}まで</translation>
        </message>
        <message>
            <source>Forward the e-mail with the electronic certificate to the applicant now, at the latest by {date}; the applicant must register receipt (受領登録) through its URL before applying for the visa (about {visa} working days), then record the registration here; landing by {expiry}</source>
            <translation>電子の証明書のメールをすぐに（遅くとも{date}までに）申請人へ転送してください。申請人は査証申請（約{visa}営業日）の前にメール記載のURLから受領登録が必要です。登録したらここに記録してください。上陸は{expiry}まで</translation>
        </message>
        <message>
            <source>Send the applicant a copy or scan of the paper certificate now, at the latest by {date} (accepted for the visa and at landing since 2023-03-17); the visa takes about {visa} working days, landing by {expiry}</source>
            <translation>紙の証明書の写しまたはスキャンをすぐに（遅くとも{date}までに）申請人へ送ってください（2023年3月17日以降、査証申請・上陸審査で認められています）。査証は約{visa}営業日、上陸は{expiry}まで</translation>
        </message>
        <message>
            <source>Filed {filed}, {elapsed} days ago; no published figure for {status} ({procedure}): the average across {count} statuses is {average} days ({period}) × {factor} = {threshold} days → ready from {date}</source>
            <translation>申請日{filed}（{elapsed}日経過）。{status}の{procedure}の公表値がないため、在留資格{count}種の平均{average}日（{period}）を使用 × {factor} = {threshold}日 → {date}から問合せ可</translation>
        </message>
        <message>
            <source>Filed {filed}, {elapsed} days ago; average for {status} ({procedure}) is {average} days ({period}) × {factor} = {threshold} days → ready from {date}</source>
            <translation>申請日{filed}（{elapsed}日経過）。{status}（{procedure}）の平均処理日数{average}日（{period}）× {factor} = {threshold}日 → {date}から問合せ可</translation>
        </message>
        <message>
            <source>Filed {filed}, {elapsed} days ago; no published figure for {procedure}, using the value in Settings, {average} days × {factor} = {threshold} days → ready from {date}</source>
            <translation>申請日{filed}（{elapsed}日経過）。{procedure}の公表値がないため設定の{average}日を使用 × {factor} = {threshold}日 → {date}から問合せ可</translation>
        </message>
        <message>
            <source>The bureau confirmed on {on} that the documents submitted on {submitted} arrived (資料到着確認): that matter is settled</source>
            <translation>{on}に、{submitted}提出の資料が届いていることを確認済です（資料到着確認）。この件は解決しています</translation>
        </message>
    </context>
    <context>
        <name>RecordDialog</name>
        <message>
            <source>Discard changes?</source>
            <translation>変更を破棄しますか？</translation>
        </message>
        <message>
            <source>What you typed in this window has not been saved. Discard it?</source>
            <translation>この画面で入力した内容は保存されていません。破棄しますか？</translation>
        </message>
    </context>
    <context>
        <name>RequestDialog</name>
        <message>
            <source>Notice dated</source>
            <translation>通知日</translation>
        </message>
        <message>
            <source>Received on</source>
            <translation>受領日</translation>
        </message>
        <message>
            <source>Deadline (as printed)</source>
            <translation>提出期限（通知書の記載）</translation>
        </message>
        <message>
            <source>Blank: 14 days from the notice (policy default)</source>
            <translation>空欄の場合：通知日から14日（既定値）</translation>
        </message>
        <message>
            <source>Requested documents</source>
            <translation>求められた資料</translation>
        </message>
        <message>
            <source>Examiner</source>
            <translation>審査担当者</translation>
        </message>
        <message>
            <source>Extension asked on</source>
            <translation>延長を申し出た日</translation>
        </message>
        <message>
            <source>New deadline</source>
            <translation>新しい期限</translation>
        </message>
        <message>
            <source>Agreed by</source>
            <translation>了承した担当者</translation>
        </message>
        <message>
            <source>Submitted on</source>
            <translation>提出日</translation>
        </message>
        <message>
            <source>(not recorded)</source>
            <translation>（未記録）</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>提出方法</translation>
        </message>
        <message>
            <source>Tracking number</source>
            <translation>追跡番号</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>備考</translation>
        </message>
        <message>
            <source>Enter the new deadline that was agreed.</source>
            <translation>取り決めた新しい期限を入力してください。</translation>
        </message>
        <message>
            <source>Enter the day the documents were sent.</source>
            <translation>資料を送付した日を入力してください。</translation>
        </message>
    </context>
    <context>
        <name>RequestTableModel</name>
        <message>
            <source>Notice</source>
            <translation>通知日</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>期限</translation>
        </message>
        <message>
            <source>Business days left</source>
            <translation>残り開庁日</translation>
        </message>
        <message>
            <source>Extension</source>
            <translation>期限延長</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>提出日</translation>
        </message>
        <message>
            <source>Requested documents</source>
            <translation>求められた資料</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>提出済</translation>
        </message>
        <message numerus="yes">
            <source>OVERDUE by %n day(s)</source>
            <translation>
                <numerusform>%n日超過</numerusform>
            </translation>
        </message>
        <message>
            <source>No deadline recorded</source>
            <translation>期限未入力</translation>
        </message>
        <message numerus="yes">
            <source>%n business day(s)</source>
            <translation>
                <numerusform>%n開庁日</numerusform>
            </translation>
        </message>
        <message>
            <source>to %1 (was %2)</source>
            <translation>%1 まで（元は %2）</translation>
        </message>
    </context>
    <context>
        <name>RequestsPane</name>
        <message>
            <source>Add request…</source>
            <translation>通知を追加…</translation>
        </message>
        <message>
            <source>Record a 資料提出通知書 that arrived (Ctrl+D)</source>
            <translation>届いた資料提出通知書を記録します（Ctrl+D）</translation>
        </message>
        <message>
            <source>Record extension…</source>
            <translation>期限延長を記録…</translation>
        </message>
        <message>
            <source>Mark submitted…</source>
            <translation>提出済みにする…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>編集…</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>削除…</translation>
        </message>
        <message>
            <source>Add document request</source>
            <translation>資料提出通知の追加</translation>
        </message>
        <message>
            <source>Edit document request</source>
            <translation>資料提出通知の編集</translation>
        </message>
        <message>
            <source>Record extension</source>
            <translation>期限延長の記録</translation>
        </message>
        <message>
            <source>Mark documents submitted</source>
            <translation>資料の提出を記録</translation>
        </message>
        <message>
            <source>Delete the document request of %1? Only do this for a request recorded by mistake.</source>
            <translation>%1 の資料提出通知を削除しますか？誤って記録した場合にのみ削除してください。</translation>
        </message>
        <message>
            <source>Delete document request</source>
            <translation>資料提出通知の削除</translation>
        </message>
        <message>
            <source>Notice dated</source>
            <translation>通知日</translation>
        </message>
        <message>
            <source>Received on</source>
            <translation>受領日</translation>
        </message>
        <message>
            <source>Deadline (as printed)</source>
            <translation>提出期限（通知書の記載）</translation>
        </message>
        <message>
            <source>Requested documents</source>
            <translation>求められた資料</translation>
        </message>
        <message>
            <source>Examiner</source>
            <translation>審査担当者</translation>
        </message>
        <message>
            <source>Extension asked on</source>
            <translation>延長を申し出た日</translation>
        </message>
        <message>
            <source>New deadline</source>
            <translation>新しい期限</translation>
        </message>
        <message>
            <source>Agreed by</source>
            <translation>了承した担当者</translation>
        </message>
        <message>
            <source>Submitted on</source>
            <translation>提出日</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>提出方法</translation>
        </message>
        <message>
            <source>Tracking number</source>
            <translation>追跡番号</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>備考</translation>
        </message>
        <message>
            <source>Requested documents:</source>
            <translation>求められた資料：</translation>
        </message>
        <message>
            <source>Examiner: %1</source>
            <translation>審査担当者：%1</translation>
        </message>
        <message>
            <source>Tracking number: %1</source>
            <translation>追跡番号：%1</translation>
        </message>
        <message>
            <source>Notes:</source>
            <translation>備考：</translation>
        </message>
    </context>
    <context>
        <name>Residence</name>
        <message>
            <source>{years} years</source>
            <translation>{years}年</translation>
        </message>
        <message>
            <source>{months} months</source>
            <translation>{months}月</translation>
        </message>
        <message>
            <source>Start the renewal case</source>
            <translation>更新の案件を作成する</translation>
        </message>
        <message>
            <source>File the renewal or change-of-status case already started for this person</source>
            <translation>作成済みの更新・変更の案件を申請する</translation>
        </message>
        <message>
            <source>Ask the client at once whether the person is still in Japan: an extension can no longer be filed</source>
            <translation>本人がまだ日本にいるか、すぐに所属機関に確認する（更新申請はもうできません）</translation>
        </message>
        <message>
            <source>Nothing to do</source>
            <translation>対応不要</translation>
        </message>
        <message>
            <source>Closed: granted</source>
            <translation>終了：許可</translation>
        </message>
        <message>
            <source>Closed: renewal or change of status filed</source>
            <translation>終了：更新・変更を申請済</translation>
        </message>
        <message>
            <source>Closed: residence card valid until {expiry}; renewal from {opens}</source>
            <translation>終了：在留期限 {expiry}、更新申請は {opens} から</translation>
        </message>
        <message>
            <source>Residence card expired on {expiry}; no renewal filed</source>
            <translation>在留期限 {expiry} を過ぎています。更新申請なし</translation>
        </message>
        <message>
            <source>Residence card expires {expiry} ({days} days left); no renewal filed</source>
            <translation>在留期限 {expiry}（残り{days}日）、更新申請なし</translation>
        </message>
        <message>
            <source>Card expires {expiry}; an extension can be filed from {opens} ({months} months before)</source>
            <translation>在留期限 {expiry}、更新申請は {opens} から（{months}か月前）</translation>
        </message>
        <message>
            <source>Special period (特例期間): card expired or expires {expiry}; the person may stay until the decision, at the latest {end}</source>
            <translation>特例期間：在留期限 {expiry}、処分の日まで（遅くとも {end} まで）在留できます</translation>
        </message>
    </context>
    <context>
        <name>SelfTest</name>
        <message>
            <source>{app} {version} self-test</source>
            <translation>{app} {version} 自己診断</translation>
        </message>
        <message>
            <source>self-test FAILED at step: {step}</source>
            <translation>自己診断に失敗しました。失敗した手順：{step}</translation>
        </message>
        <message>
            <source>self-test passed: {count} steps in {seconds:.1f} s</source>
            <translation>自己診断に合格しました：{count}手順、{seconds:.1f}秒</translation>
        </message>
    </context>
    <context>
        <name>Services</name>
        <message>
            <source>The certificate cannot be issued before the filing date.</source>
            <translation>交付日（作成日）を申請日より前にすることはできません。</translation>
        </message>
        <message>
            <source>The entry date cannot be before the issue date.</source>
            <translation>入国日を交付日（作成日）より前にすることはできません。</translation>
        </message>
        <message>
            <source>Another case already has reference {reference}.</source>
            <translation>受託番号 {reference} は別の案件で使われています。</translation>
        </message>
        <message>
            <source>The database already holds {count} cases; sample data is only written into an empty database.</source>
            <translation>データベースには既に{count}件の案件があります。サンプルデータは空のデータベースにのみ作成できます。</translation>
        </message>
        <message>
            <source>The deadline cannot be before the notice date.</source>
            <translation>提出期限を通知日より前にすることはできません。</translation>
        </message>
        <message>
            <source>An extended deadline must be after the original one.</source>
            <translation>延長後の期限は元の期限より後にしてください。</translation>
        </message>
        <message>
            <source>Documents cannot be submitted before the notice date.</source>
            <translation>提出日を通知日より前にすることはできません。</translation>
        </message>
        <message>
            <source>applicant</source>
            <translation>申請人</translation>
        </message>
        <message>
            <source>bureau</source>
            <translation>申請先</translation>
        </message>
        <message>
            <source>case</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>document request</source>
            <translation>資料提出通知</translation>
        </message>
        <message>
            <source>inquiry</source>
            <translation>問合せ</translation>
        </message>
        <message>
            <source>client</source>
            <translation>所属機関</translation>
        </message>
        <message>
            <source>status of residence</source>
            <translation>在留資格</translation>
        </message>
        <message>
            <source>Someone else changed this {entity} after you opened it. Nothing was saved.</source>
            <translation>この{entity}は、開いた後に他の人が変更しました。保存していません。</translation>
        </message>
        <message>
            <source>The {entity} no longer exists (id {id}).</source>
            <translation>この{entity}はもう存在しません（ID {id}）。</translation>
        </message>
        <message>
            <source>Enter the client's name.</source>
            <translation>所属機関の名称を入力してください。</translation>
        </message>
        <message>
            <source>A corporate number (法人番号) has 13 digits and a valid check digit.</source>
            <translation>法人番号は13桁で、正しいチェックデジットが必要です。</translation>
        </message>
        <message>
            <source>Enter the applicant's family name as in the passport.</source>
            <translation>申請人の姓を旅券のとおりに入力してください。</translation>
        </message>
        <message>
            <source>Write the month as 2025-11 or 2025年11月.</source>
            <translation>対象月は2025-11または2025年11月のように入力してください。</translation>
        </message>
        <message>
            <source>The average must be a positive number of days.</source>
            <translation>平均日数は正の数で入力してください。</translation>
        </message>
        <message>
            <source>This text holds a control character (such as an escape or bell code): remove it.</source>
            <translation>この文字列には制御文字（エスケープやベルのコードなど）が含まれています。削除してください。</translation>
        </message>
        <message>
            <source>This text holds a character that reverses the writing direction: remove it.</source>
            <translation>この文字列には書字方向を反転させる文字が含まれています。削除してください。</translation>
        </message>
        <message>
            <source>This text is too long: at most {limit} characters.</source>
            <translation>文字列が長すぎます。{limit}文字以内にしてください。</translation>
        </message>
        <message>
            <source>A residence card number is two letters, eight digits and two letters (AB12345678CD).</source>
            <translation>在留カード番号は英字2文字、数字8桁、英字2文字です（AB12345678CD）。</translation>
        </message>
        <message>
            <source>The card cannot expire before the landing date.</source>
            <translation>在留期限を上陸日より前にすることはできません。</translation>
        </message>
        <message>
            <source>Renewal or change filed</source>
            <translation>更新・変更を申請済</translation>
        </message>
        <message>
            <source>Renewal being prepared</source>
            <translation>更新を準備中</translation>
        </message>
        <message>
            <source>Expired: no renewal filed</source>
            <translation>期限切れ：更新申請なし</translation>
        </message>
        <message>
            <source>Renewal can be filed now</source>
            <translation>更新申請できます</translation>
        </message>
        <message>
            <source>Renewal from {date}</source>
            <translation>{date} から更新申請可</translation>
        </message>
        <message>
            <source>Enter the office's name.</source>
            <translation>官署名を入力してください。</translation>
        </message>
        <message>
            <source>The name is too long (at most 100 characters).</source>
            <translation>名称が長すぎます（100文字まで）。</translation>
        </message>
        <message>
            <source>The area is too long (at most 2,000 characters).</source>
            <translation>区域が長すぎます（2,000文字まで）。</translation>
        </message>
        <message>
            <source>An office of this name already exists.</source>
            <translation>同じ名称の官署がすでにあります。</translation>
        </message>
        <message>
            <source>Receipt is registered (受領登録) only for an electronic certificate: choose e-mail as the delivery.</source>
            <translation>受領登録は電子の証明書だけのものです。受領方法にメールを選んでください。</translation>
        </message>
        <message>
            <source>Receipt cannot be registered before the certificate was issued.</source>
            <translation>証明書の交付日より前に受領登録はできません。</translation>
        </message>
        <message>
            <source>Choose or enter the client company. Only a family case (日本人の配偶者等, 永住者の配偶者等, 定住者, 家族滞在) whose 代理人 is named may leave it empty.</source>
            <translation>所属機関を選択または入力してください。空欄にできるのは、代理人を入力した家族の案件（日本人の配偶者等・永住者の配偶者等・定住者・家族滞在）だけです。</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>設定</translation>
        </message>
        <message>
            <source>Office</source>
            <translation>事務所</translation>
        </message>
        <message>
            <source>Display</source>
            <translation>表示</translation>
        </message>
        <message>
            <source>Rules</source>
            <translation>判定ルール</translation>
        </message>
        <message>
            <source>Processing times</source>
            <translation>処理期間</translation>
        </message>
        <message>
            <source>Bureaus</source>
            <translation>入管官署</translation>
        </message>
        <message>
            <source>Printed on call sheets and summaries as the filer (申請取次者).</source>
            <translation>申請取次者として問合せシートと案件概要に印刷されます。</translation>
        </message>
        <message>
            <source>Scrivener (行政書士)</source>
            <translation>行政書士</translation>
        </message>
        <message>
            <source>Registration number</source>
            <translation>行政書士登録番号</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>電話番号</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>所在地</translation>
        </message>
        <message>
            <source>Your name (for “made by” and the history)</source>
            <translation>あなたの名前（「問合せ者」と履歴に使用）</translation>
        </message>
        <message>
            <source>Same as the system (%1)</source>
            <translation>システムの設定に従う（%1）</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>言語</translation>
        </message>
        <message>
            <source>A new language is used from the next start.</source>
            <translation>言語の変更は、COE Tracker を次に起動したときから反映されます。</translation>
        </message>
        <message>
            <source>Western, ISO (%1)</source>
            <translation>西暦・ISO 形式（%1）</translation>
        </message>
        <message>
            <source>Western (%1)</source>
            <translation>西暦（%1）</translation>
        </message>
        <message>
            <source>Japanese era (%1)</source>
            <translation>和暦（%1）</translation>
        </message>
        <message>
            <source>Japanese era, short (%1)</source>
            <translation>和暦・略記（%1）</translation>
        </message>
        <message>
            <source>Dates</source>
            <translation>日付の表示</translation>
        </message>
        <message>
            <source>Dates are shown and printed this way as soon as you save. Dates can be typed in any of these forms.</source>
            <translation>保存するとすぐに、この形式で日付を表示・印刷します。日付はどの形式でも入力できます。</translation>
        </message>
        <message>
            <source>The numbers the readiness rules use. A case is ready for a status check when the average processing time × the ready factor has passed since filing.</source>
            <translation>判定ルールが使う数値です。申請日から「平均処理日数 × 問合せ係数」が経過すると、審査状況を問い合わせてよい案件になります。</translation>
        </message>
        <message>
            <source>Average days when none is published</source>
            <translation>公表値がないときの平均日数</translation>
        </message>
        <message>
            <source>Ready factor (× average)</source>
            <translation>問合せ係数（平均日数に掛ける）</translation>
        </message>
        <message>
            <source>Urgent factor (× average, entry near)</source>
            <translation>急ぎの係数（入国間近のとき平均日数に掛ける）</translation>
        </message>
        <message>
            <source>Entry is near within (days)</source>
            <translation>入国間近とみなす日数</translation>
        </message>
        <message>
            <source>Days between inquiries</source>
            <translation>問合せの間隔（日）</translation>
        </message>
        <message>
            <source>Days after documents were sent</source>
            <translation>資料提出後に空ける日数</translation>
        </message>
        <message>
            <source>Document deadline when none printed (days)</source>
            <translation>通知書に期限がないときの提出期限（日）</translation>
        </message>
        <message>
            <source>Documents due soon within (business days)</source>
            <translation>期限間近とみなす日数（開庁日）</translation>
        </message>
        <message>
            <source>Certificate valid for (months)</source>
            <translation>証明書の有効期間（か月）</translation>
        </message>
        <message>
            <source>Warn before expiry (days)</source>
            <translation>有効期限の何日前から警告するか</translation>
        </message>
        <message>
            <source>Restore defaults</source>
            <translation>既定値に戻す</translation>
        </message>
        <message>
            <source>Average processing times published by the Immigration Services Agency (在留審査処理期間). The newest figure of each status is used.</source>
            <translation>出入国在留管理庁が公表する在留審査処理期間（平均処理日数）です。在留資格ごとに最新の数値を使います。</translation>
        </message>
        <message>
            <source>Add a published figure</source>
            <translation>公表値を追加</translation>
        </message>
        <message>
            <source>Status of residence</source>
            <translation>在留資格</translation>
        </message>
        <message>
            <source>2025-11 or 2025年11月</source>
            <translation>2025-11 または 2025年11月</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>期間</translation>
        </message>
        <message>
            <source>Average days</source>
            <translation>平均日数</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>出典</translation>
        </message>
        <message>
            <source>Add figure</source>
            <translation>追加</translation>
        </message>
        <message>
            <source>Selected bureau</source>
            <translation>選択した官署</translation>
        </message>
        <message>
            <source>Bureau</source>
            <translation>官署名</translation>
        </message>
        <message>
            <source>Progress inquiries</source>
            <translation>進捗の問合せ</translation>
        </message>
        <message>
            <source>Save bureau</source>
            <translation>官署の情報を保存</translation>
        </message>
        <message>
            <source>The list now shows the stored values; your entry is still in the form.</source>
            <translation>一覧には保存済みの値を表示しています。入力した内容はフォームに残っています。</translation>
        </message>
        <message>
            <source>Database</source>
            <translation>データベース</translation>
        </message>
        <message>
            <source>Renewal can be filed from (months before expiry)</source>
            <translation>更新申請の受付開始（在留期限の何か月前）</translation>
        </message>
        <message>
            <source>Renewal urgent in the last (days)</source>
            <translation>更新を急ぐ期間（在留期限までの日数）</translation>
        </message>
        <message>
            <source>Special period after expiry (months)</source>
            <translation>特例期間（在留期限後の月数）</translation>
        </message>
        <message>
            <source>Warn before the special period ends (days)</source>
            <translation>特例期間の終了前に警告（日）</translation>
        </message>
        <message>
            <source>Ledger and invoice settings…</source>
            <translation>事件簿・請求書の設定…</translation>
        </message>
        <message>
            <source>受託番号 numbering, ledger year, office form, invoice registration number (T…)</source>
            <translation>受託番号の付け方、事件簿の年度、事務所の形態、適格請求書の登録番号（T…）</translation>
        </message>
        <message>
            <source>Ledger (事件簿)</source>
            <translation>事件簿</translation>
        </message>
        <message>
            <source>Branch offices: the area as published</source>
            <translation>出張所：公表されている区域</translation>
        </message>
        <message>
            <source>Area served</source>
            <translation>管轄・分担区域</translation>
        </message>
        <message>
            <source>Visa takes (working days)</source>
            <translation>査証の所要日数（営業日）</translation>
        </message>
        <message>
            <source>Average days for an extension of stay when none is published</source>
            <translation>公表値がないときの在留期間更新の平均日数</translation>
        </message>
        <message>
            <source>Average days for a change of status when none is published</source>
            <translation>公表値がないときの在留資格変更の平均日数</translation>
        </message>
    </context>
    <context>
        <name>TodayModel</name>
        <message>
            <source>unpaid %1</source>
            <translation>未入金 %1</translation>
        </message>
    </context>
    <context>
        <name>TodayView</name>
        <message>
            <source>Hide</source>
            <translation>閉じる</translation>
        </message>
        <message>
            <source>Hide the Today view (View ▸ Today)</source>
            <translation>今日の予定を閉じます（表示 ▸ 今日の予定）</translation>
        </message>
        <message>
            <source>Add a month…</source>
            <translation>月を追加…</translation>
        </message>
        <message>
            <source>Add the newest processing times from ISA's 在留審査処理期間 page (Settings)</source>
            <translation>出入国在留管理庁の「在留審査処理期間」のページから最新の処理期間を追加します（設定）</translation>
        </message>
        <message>
            <source>Nothing is due today.</source>
            <translation>今日の対応事項はありません。</translation>
        </message>
        <message>
            <source>Today, %1</source>
            <translation>今日（%1）</translation>
        </message>
        <message>
            <source>Documents overdue: %1</source>
            <translation>資料期限超過 %1件</translation>
        </message>
        <message>
            <source>Due soon: %1</source>
            <translation>資料期限間近 %1件</translation>
        </message>
        <message>
            <source>Certificates expiring: %1</source>
            <translation>証明書期限間近 %1件</translation>
        </message>
        <message>
            <source>Ready for a status check: %1</source>
            <translation>問合せ可 %1件</translation>
        </message>
        <message>
            <source>No processing times recorded: add them in Settings.</source>
            <translation>処理期間が登録されていません。設定で追加してください。</translation>
        </message>
        <message>
            <source>Processing times last updated: %1</source>
            <translation>処理期間の最終更新：%1分</translation>
        </message>
        <message>
            <source>Unpaid: %1</source>
            <translation>未入金 %1件</translation>
        </message>
        <message>
            <source>special period (特例期間) ends %1 with no decision</source>
            <translation>特例期間が %1 に終了（処分未了）</translation>
        </message>
        <message>
            <source>Residence cards expiring: %1</source>
            <translation>在留期限間近 %1件</translation>
        </message>
        <message>
            <source>Special periods ending: %1</source>
            <translation>特例期間終了間近 %1件</translation>
        </message>
    </context>
    <context>
        <name>VoidDialog</name>
        <message>
            <source>Void %1</source>
            <translation>%1を無効にする</translation>
        </message>
        <message>
            <source>The number %1 stays taken and the document stays listed as void. Issue a new one if needed.</source>
            <translation>番号%1は再使用せず、書類は無効として一覧に残ります。必要なら新しく発行してください。</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>理由</translation>
        </message>
        <message>
            <source>Say why the document is voided.</source>
            <translation>無効にする理由を入力してください。</translation>
        </message>
    </context>
    <context>
        <name>WelcomePanel</name>
        <message>
            <source>Welcome to COE Tracker</source>
            <translation>COE Tracker へようこそ</translation>
        </message>
        <message>
            <source>There are no cases in this database yet. Add your first Certificate of Eligibility application, bring in the cases you keep in a spreadsheet, or explore COE Tracker with sample data kept in a separate file.</source>
            <translation>このデータベースにはまだ案件がありません。最初の在留資格認定証明書交付申請を登録するか、表計算ソフトで管理している案件を取り込むか、別ファイルのサンプルデータで COE Tracker をお試しください。</translation>
        </message>
        <message>
            <source>New case…</source>
            <translation>新規案件…</translation>
        </message>
        <message>
            <source>Import a CSV file…</source>
            <translation>CSV ファイルを取り込む…</translation>
        </message>
        <message>
            <source>Open sample data</source>
            <translation>サンプルデータを開く</translation>
        </message>
        <message>
            <source>Opens a separate sample database; your own data is not touched.</source>
            <translation>別のサンプルデータベースを開きます。ご自身のデータには触れません。</translation>
        </message>
        <message>
            <source>e.g. 山田 花子</source>
            <translation>例：山田 花子</translation>
        </message>
        <message>
            <source>&amp;Your name, for each case's history:</source>
            <translation>あなたの氏名（各案件の履歴に記録）(&amp;Y)：</translation>
        </message>
    </context>
    <context>
        <name>WindowChrome</name>
        <message>
            <source>Cases</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>Search reference, application no., name, client…</source>
            <translation>受託番号・申請番号・氏名・所属機関で検索…</translation>
        </message>
        <message>
            <source>Case, width and kana insensitive; every word must match (Ctrl+F)</source>
            <translation>大文字・小文字、全角・半角、ひらがな・カタカナを区別しません。すべての語に一致する案件を表示します（Ctrl+F）</translation>
        </message>
        <message>
            <source>SAMPLE DATA — invented cases for trying COE Tracker. Your own database is not open.</source>
            <translation>サンプルデータ — COE Tracker を試すための架空の案件です。ご自身のデータベースは開いていません。</translation>
        </message>
        <message>
            <source>Return to my database</source>
            <translation>自分のデータベースに戻る</translation>
        </message>
        <message>
            <source>&amp;New case…</source>
            <translation>新規案件(&amp;N)…</translation>
        </message>
        <message>
            <source>Add a case</source>
            <translation>案件を追加します</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>検索(&amp;F)…</translation>
        </message>
        <message>
            <source>Search the cases</source>
            <translation>案件を検索します</translation>
        </message>
        <message>
            <source>&amp;Edit case…</source>
            <translation>案件を編集(&amp;E)…</translation>
        </message>
        <message>
            <source>Change the selected case</source>
            <translation>選択した案件を編集します</translation>
        </message>
        <message>
            <source>&amp;Copy application number</source>
            <translation>申請番号をコピー(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>終了(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>最新の情報に更新(&amp;R)</translation>
        </message>
        <message>
            <source>Read the cases again and re-assess them</source>
            <translation>案件を読み込み直して状況を判定し直します</translation>
        </message>
        <message>
            <source>&amp;Today view</source>
            <translation>今日の予定(&amp;T)</translation>
        </message>
        <message>
            <source>F&amp;ilters</source>
            <translation>絞り込み(&amp;I)</translation>
        </message>
        <message>
            <source>Log &amp;inquiry…</source>
            <translation>問合せを記録(&amp;I)…</translation>
        </message>
        <message>
            <source>Record a status check with the bureau</source>
            <translation>出入国在留管理局への審査状況の問合せを記録します</translation>
        </message>
        <message>
            <source>Add &amp;document request…</source>
            <translation>資料提出通知を追加(&amp;D)…</translation>
        </message>
        <message>
            <source>Record a 資料提出通知書</source>
            <translation>届いた資料提出通知書を記録します</translation>
        </message>
        <message>
            <source>Record &amp;extension…</source>
            <translation>期限延長を記録(&amp;X)…</translation>
        </message>
        <message>
            <source>Mark documents &amp;submitted…</source>
            <translation>資料提出済みにする(&amp;S)…</translation>
        </message>
        <message>
            <source>&amp;Archive case</source>
            <translation>案件をアーカイブ(&amp;A)</translation>
        </message>
        <message>
            <source>Open &amp;sample data</source>
            <translation>サンプルデータを開く(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;About COE Tracker</source>
            <translation>COE Tracker について(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>ファイル(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>編集(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>表示(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Columns</source>
            <translation>表示する列(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Case</source>
            <translation>案件(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>ヘルプ(&amp;H)</translation>
        </message>
        <message>
            <source>Main tool bar</source>
            <translation>メインツールバー</translation>
        </message>
        <message>
            <source>About COE Tracker</source>
            <translation>COE Tracker について</translation>
        </message>
        <message>
            <source>%1 %2
Tracks Certificate of Eligibility applications.</source>
            <translation>%1 %2
在留資格認定証明書交付申請の進捗を管理します。</translation>
        </message>
        <message>
            <source>Se&amp;ttings…</source>
            <translation>設定(&amp;T)…</translation>
        </message>
        <message>
            <source>Residence &amp;card…</source>
            <translation>在留カード(&amp;C)…</translation>
        </message>
        <message>
            <source>The person's residence card: number, period, expiry</source>
            <translation>本人の在留カード：番号、在留期間、在留期限</translation>
        </message>
        <message>
            <source>Start the &amp;renewal case</source>
            <translation>更新の案件を作成(&amp;R)</translation>
        </message>
        <message>
            <source>Create the extension-of-stay case for this person</source>
            <translation>この方の在留期間更新の案件を作成します</translation>
        </message>
    </context>
    <context>
        <name>argparse</name>
        <message>
            <source>show program's version number and exit</source>
            <translation>バージョンを表示して終了する</translation>
        </message>
        <message>
            <source>usage: </source>
            <translation>使い方: </translation>
        </message>
        <message>
            <source>positional arguments</source>
            <translation>位置引数</translation>
        </message>
        <message>
            <source>options</source>
            <translation>オプション</translation>
        </message>
        <message>
            <source>show this help message and exit</source>
            <translation>このヘルプを表示して終了する</translation>
        </message>
        <message>
            <source>%(prog)s: error: %(message)s
</source>
            <translation>%(prog)s: エラー: %(message)s
</translation>
        </message>
        <message>
            <source>argument %(argument_name)s: %(message)s</source>
            <translation>引数 %(argument_name)s: %(message)s</translation>
        </message>
        <message>
            <source>unrecognized arguments: %s</source>
            <translation>認識できない引数です: %s</translation>
        </message>
        <message>
            <source>the following arguments are required: %s</source>
            <translation>次の引数が必要です: %s</translation>
        </message>
        <message>
            <source>one of the arguments %s is required</source>
            <translation>引数 %s のいずれかが必要です</translation>
        </message>
        <message>
            <source>not allowed with argument %s</source>
            <translation>引数 %s と同時には指定できません</translation>
        </message>
        <message>
            <source>ignored explicit argument %r</source>
            <translation>明示された引数 %r を無視しました</translation>
        </message>
        <message>
            <source>expected one argument</source>
            <translation>値を1つ指定してください</translation>
        </message>
        <message>
            <source>expected at most one argument</source>
            <translation>値は1つまでです</translation>
        </message>
        <message>
            <source>expected at least one argument</source>
            <translation>値を1つ以上指定してください</translation>
        </message>
        <message>
            <source>ambiguous option: %(option)s could match %(matches)s</source>
            <translation>あいまいなオプションです: %(option)s は %(matches)s のどれにも当てはまります</translation>
        </message>
        <message>
            <source>invalid %(type)s value: %(value)r</source>
            <translation>%(type)s の値として無効です: %(value)r</translation>
        </message>
        <message>
            <source>invalid choice: %(value)r (choose from %(choices)s)</source>
            <translation>無効な選択です: %(value)r（%(choices)s から選んでください）</translation>
        </message>
        <message>
            <source>can't open '%(filename)s': %(error)s</source>
            <translation>'%(filename)s' を開けません: %(error)s</translation>
        </message>
        <message>
            <source>unexpected option string: %s</source>
            <translation>予期しないオプションです: %s</translation>
        </message>
    </context>
    <context>
        <name>cli</name>
        <message>
            <source>not a date in the form YYYY-MM-DD: {value}</source>
            <translation>YYYY-MM-DD 形式の日付ではありません：{value}</translation>
        </message>
        <message>
            <source>Track Certificate of Eligibility applications. Without a command, the window opens.</source>
            <translation>在留資格認定証明書交付申請の進捗を管理します。コマンドを指定しないとウィンドウが開きます。</translation>
        </message>
        <message>
            <source>interface language (default: COETRACKER_LANG, else for the window the choice in Settings, else the system's)</source>
            <translation>表示言語（既定：COETRACKER_LANG、なければウィンドウでは設定画面での選択、それもなければシステムの言語）</translation>
        </message>
        <message>
            <source>database file or URL (default: the one in the data folder)</source>
            <translation>データベースのファイルまたは URL（既定：データフォルダー内のもの）</translation>
        </message>
        <message>
            <source>folder for the database, backups, logs and settings</source>
            <translation>データベース・バックアップ・ログ・設定を置くフォルダー</translation>
        </message>
        <message>
            <source>assess cases as of this date (also COETRACKER_TODAY)</source>
            <translation>この日付時点で案件を判定する（COETRACKER_TODAY でも指定可）</translation>
        </message>
        <message>
            <source>log unexpected errors without showing a dialog</source>
            <translation>予期しないエラーをダイアログを出さずにログに記録する</translation>
        </message>
        <message>
            <source>check this installation headless on a temporary database, then exit (0: every step passed)</source>
            <translation>一時データベースを使って画面なしでこのインストールを検査し、終了する（0：全項目合格）</translation>
        </message>
        <message>
            <source>fill an empty database with realistic sample cases</source>
            <translation>空のデータベースに実例に近いサンプル案件を入れる</translation>
        </message>
        <message>
            <source>print every case, closed ones included</source>
            <translation>終了した案件を含むすべての案件を表示する</translation>
        </message>
        <message>
            <source>output format (default: table)</source>
            <translation>出力形式（既定：table）</translation>
        </message>
        <message>
            <source>print active cases, most urgent first, with the reason</source>
            <translation>対応中の案件を緊急度の高い順に理由つきで表示する</translation>
        </message>
        <message>
            <source>list every rule evaluated under each case</source>
            <translation>案件ごとに判定したすべてのルールを表示する</translation>
        </message>
        <message>
            <source>check the database: integrity, foreign keys, schema revision</source>
            <translation>データベースを検査する（整合性・外部キー・スキーマのリビジョン）</translation>
        </message>
        <message>
            <source>COETRACKER_TODAY is not a date in the form YYYY-MM-DD.</source>
            <translation>COETRACKER_TODAY が YYYY-MM-DD 形式の日付ではありません。</translation>
        </message>
        <message>
            <source>Wrote {count} sample cases.</source>
            <translation>サンプル案件を{count}件作成しました。</translation>
        </message>
        <message>
            <source>reference</source>
            <translation>受託番号</translation>
        </message>
        <message>
            <source>client</source>
            <translation>所属機関</translation>
        </message>
        <message>
            <source>applicant</source>
            <translation>申請人</translation>
        </message>
        <message>
            <source>status</source>
            <translation>在留資格</translation>
        </message>
        <message>
            <source>bureau</source>
            <translation>申請先</translation>
        </message>
        <message>
            <source>stage</source>
            <translation>進捗</translation>
        </message>
        <message>
            <source>filed</source>
            <translation>申請日</translation>
        </message>
        <message>
            <source>application number</source>
            <translation>申請番号</translation>
        </message>
        <message>
            <source>level</source>
            <translation>状況</translation>
        </message>
        <message>
            <source>next check</source>
            <translation>次回問合せ日</translation>
        </message>
        <message>
            <source>headline</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>No cases.</source>
            <translation>案件はありません。</translation>
        </message>
        <message>
            <source>write a case summary, a call sheet or the case list as a PDF</source>
            <translation>案件概要・問合せシート・案件一覧を PDF に書き出す</translation>
        </message>
        <message>
            <source>Write an A4 PDF: a case's summary or call sheet (REF is its reference or application number), or the list of active cases.</source>
            <translation>A4 の PDF を書き出します：案件の概要または問合せシート（REF は受託番号または申請番号）、あるいは対応中の案件一覧。</translation>
        </message>
        <message>
            <source>the case's reference (受託番号) or application number (申請番号)</source>
            <translation>案件の受託番号または申請番号</translation>
        </message>
        <message>
            <source>the case summary: facts, readiness, requests, inquiries</source>
            <translation>案件概要：基本情報・状況・資料提出通知・問合せ</translation>
        </message>
        <message>
            <source>the call sheet for phoning the bureau about the case</source>
            <translation>申請先へ電話で問い合わせるための問合せシート</translation>
        </message>
        <message>
            <source>the active cases, most urgent first (landscape)</source>
            <translation>対応中の案件を緊急度の高い順に（横向き）</translation>
        </message>
        <message>
            <source>the PDF file to write (replaced if it exists)</source>
            <translation>書き出す PDF ファイル（既にあれば置き換え）</translation>
        </message>
        <message>
            <source>print the passport number in full (masked by default)</source>
            <translation>旅券番号を省略せずに印刷する（既定では一部を伏せる）</translation>
        </message>
        <message>
            <source>with --list: closed and archived cases too</source>
            <translation>--list と併用：終了・アーカイブ済みの案件も含める</translation>
        </message>
        <message>
            <source>how dates are printed (default: iso; era: 令和8年11月27日)</source>
            <translation>日付の書き方（既定：iso、era：令和8年11月27日）</translation>
        </message>
        <message>
            <source>--list prints the case list: leave out REF</source>
            <translation>--list は案件一覧を印刷します。REF は指定しないでください</translation>
        </message>
        <message>
            <source>--show-passport applies to --summary and --call-sheet</source>
            <translation>--show-passport は --summary と --call-sheet でのみ使えます</translation>
        </message>
        <message>
            <source>REF is required with --summary and --call-sheet</source>
            <translation>--summary と --call-sheet には REF が必要です</translation>
        </message>
        <message>
            <source>--all applies to --list only</source>
            <translation>--all は --list でのみ使えます</translation>
        </message>
        <message>
            <source>No case has the reference or application number {ref}.</source>
            <translation>受託番号または申請番号が {ref} の案件はありません。</translation>
        </message>
        <message>
            <source>Wrote {path} (1 page).</source>
            <translation>{path} を書き出しました（1ページ）。</translation>
        </message>
        <message>
            <source>Wrote {path} ({pages} pages).</source>
            <translation>{path} を書き出しました（{pages}ページ）。</translation>
        </message>
        <message>
            <source>after a damaged database was set aside: start an empty database in its place (the damaged file and the backups stay as they are)</source>
            <translation>破損したデータベースが移動された後、その場所で空のデータベースを始める（破損したファイルとバックアップはそのまま残ります）</translation>
        </message>
        <message>
            <source>Starting an empty database at {db}; the damaged file stays at {moved}.</source>
            <translation>{db} で空のデータベースを始めます。破損したファイルは {moved} に残っています。</translation>
        </message>
        <message>
            <source>write a year's matter ledger (事件簿) as a PDF, CSV or workbook</source>
            <translation>1年分の事件簿をPDF・CSV・Excelブックで書き出す</translation>
        </message>
        <message>
            <source>ledger year</source>
            <translation>事件簿の年</translation>
        </message>
        <message>
            <source>PDF to write</source>
            <translation>書き出す PDF ファイル</translation>
        </message>
        <message>
            <source>CSV to write</source>
            <translation>書き出す CSV ファイル</translation>
        </message>
        <message>
            <source>Excel workbook to write</source>
            <translation>書き出すExcelブック</translation>
        </message>
        <message>
            <source>issue an invoice (請求書) for a case as a PDF</source>
            <translation>案件の請求書を発行して PDF に書き出す</translation>
        </message>
        <message>
            <source>issue a receipt (領収証) for a case as a PDF</source>
            <translation>案件の領収証を発行して PDF に書き出す</translation>
        </message>
        <message>
            <source>date of issue (default: today)</source>
            <translation>発行日（既定：今日）</translation>
        </message>
        <message>
            <source>amount received (default: all payments recorded)</source>
            <translation>領収金額（既定：記録済みの入金の合計）</translation>
        </message>
        <message>
            <source>give --year and one of --pdf, --csv or --xlsx, or the close-year command</source>
            <translation>--year と --pdf・--csv・--xlsx のいずれかを指定するか、帳簿閉鎖のサブコマンドを使ってください</translation>
        </message>
        <message>
            <source>Wrote {count} matters to {path}.</source>
            <translation>{count}件の事件を {path} に書き出しました。</translation>
        </message>
        <message>
            <source>list residence cards expiring soon, per client, earliest first</source>
            <translation>在留期限が近い在留カードを所属機関ごとに、期限の早い順に表示する</translation>
        </message>
        <message>
            <source>only this client's people</source>
            <translation>この所属機関の方だけ</translation>
        </message>
        <message>
            <source>cards expiring on or before this date (default: renewal window open)</source>
            <translation>この日までに期限を迎えるカード（既定：更新申請の受付期間に入ったもの）</translation>
        </message>
        <message>
            <source>write a CSV file</source>
            <translation>CSV ファイルに書き出す</translation>
        </message>
        <message>
            <source>write a printable PDF</source>
            <translation>印刷用の PDF に書き出す</translation>
        </message>
        <message>
            <source>No single client is named {name}.</source>
            <translation>「{name}」という所属機関を一つに特定できません。</translation>
        </message>
        <message>
            <source>Wrote {count} rows to {path}.</source>
            <translation>{path} に {count}件を書き出しました。</translation>
        </message>
        <message>
            <source>No residence card expires in this period.</source>
            <translation>この期間に在留期限を迎える方はいません。</translation>
        </message>
        <message>
            <source>expiry</source>
            <translation>在留期限</translation>
        </message>
        <message>
            <source>days</source>
            <translation>残日数</translation>
        </message>
        <message>
            <source>card</source>
            <translation>在留カード</translation>
        </message>
        <message>
            <source>renewal</source>
            <translation>更新</translation>
        </message>
        <message>
            <source>procedure</source>
            <translation>申請種別</translation>
        </message>
        <message>
            <source>close a ledger year (帳簿閉鎖): its entries become read-only</source>
            <translation>事件簿の年度を閉鎖します（帳簿閉鎖）。閉鎖後は記載を変更できません</translation>
        </message>
        <message>
            <source>date of closing (default: today)</source>
            <translation>閉鎖日（既定：今日）</translation>
        </message>
        <message>
            <source>Closed the {year} ledger on {date}: its entries are read-only and its cases must be kept until {until}.</source>
            <translation>{year}年の事件簿を{date}に閉鎖しました。記載は変更できず、案件は{until}まで保存が必要です。</translation>
        </message>
    </context>
</TS>
